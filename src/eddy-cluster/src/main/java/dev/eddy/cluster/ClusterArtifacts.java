package dev.eddy.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the build put what the cluster runs: {@code flink-lib} (the Flink cluster's class path,
 * like a distribution's {@code lib/}), {@code kafka-lib} (the broker's), and the job jar built by
 * {@code jobs/}. The paths are those of the build that produced this class.
 *
 * @param flinkLib the jars of the JobManager, TaskManagers and Flink CLI
 * @param kafkaLib the jars of the Kafka broker
 * @param jobJar the job jar for {@code flink run}
 */
public record ClusterArtifacts(Path flinkLib, Path kafkaLib, Path jobJar) {

    private static final String RESOURCE = "/dev/eddy/cluster/build.properties";

    /** The artifacts of the build this class comes from; fails if they are not there. */
    public static ClusterArtifacts ofThisBuild() {
        Properties build = new Properties();
        try (InputStream in = ClusterArtifacts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the class path");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClusterArtifacts artifacts =
                new ClusterArtifacts(
                        Path.of(build.getProperty("flink.lib")),
                        Path.of(build.getProperty("kafka.lib")),
                        Path.of(build.getProperty("job.jar")).normalize());
        artifacts.requireBuilt();
        return artifacts;
    }

    private void requireBuilt() {
        for (Path required : new Path[] {flinkLib, kafkaLib}) {
            if (!Files.isDirectory(required)) {
                throw new IllegalStateException(
                        required
                                + " is missing: build the project first (./mvnw -B -DskipTests package)");
            }
        }
    }

    /** Fails with what to do when the job jar has not been built. */
    public Path requireJobJar() {
        if (!Files.isRegularFile(jobJar)) {
            throw new IllegalStateException(
                    "The job jar "
                            + jobJar
                            + " is missing: build it with ./mvnw -B -DskipTests package -pl jobs -am");
        }
        return jobJar;
    }
}
