package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The class paths the build copied: the Flink cluster's like a distribution's lib/, and Kafka's.
 */
class ClusterArtifactsTest {

    private final ClusterArtifacts artifacts = ClusterArtifacts.ofThisBuild();

    @Test
    void theFlinkClassPathHoldsTheRuntimeTheWebUiRocksDbAndLog4j() throws IOException {
        assertThat(jars(artifacts.flinkLib()))
                .anyMatch(jar -> jar.startsWith("flink-runtime-2"))
                .anyMatch(jar -> jar.startsWith("flink-clients-"))
                .anyMatch(jar -> jar.startsWith("flink-runtime-web-"))
                .anyMatch(jar -> jar.startsWith("flink-streaming-java-"))
                .anyMatch(jar -> jar.startsWith("flink-statebackend-rocksdb-"))
                .anyMatch(jar -> jar.startsWith("log4j-slf4j2-impl-"))
                .anyMatch(jar -> jar.startsWith("log4j-core-"));
    }

    @Test
    void theFlinkClassPathHasNoConnectorsAndNoKafkaLikeADistributionsLib() throws IOException {
        assertThat(jars(artifacts.flinkLib()))
                .noneMatch(jar -> jar.startsWith("flink-connector-base"))
                .noneMatch(jar -> jar.startsWith("flink-connector-kafka"))
                .noneMatch(jar -> jar.startsWith("kafka"))
                .noneMatch(jar -> jar.startsWith("scala-"))
                .noneMatch(jar -> jar.startsWith("eddy-"));
    }

    @Test
    void theBrokerClassPathHoldsKafkaAndNoFlink() throws IOException {
        assertThat(jars(artifacts.kafkaLib()))
                .anyMatch(jar -> jar.startsWith("kafka_2.13-"))
                .anyMatch(jar -> jar.startsWith("log4j-core-"))
                .noneMatch(jar -> jar.startsWith("flink-"));
    }

    @Test
    void theJobJarIsTheOneJobsBuilds() {
        assertThat(artifacts.requireJobJar()).isRegularFile();
        assertThat(artifacts.jobJar().getFileName().toString()).matches("eddy-jobs-.+-job\\.jar");
        assertThat(artifacts.jobJar().getParent()).endsWith(Path.of("jobs", "target"));
    }

    private static List<String> jars(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
