package dev.eddy.sse.sqljar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sse.table.LoopbackSseServer;
import dev.eddy.sse.table.LoopbackSseServer.Event;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar is all a Flink installation needs to read SSE streams in SQL: a child JVM whose
 * class path is what Flink's {@code lib/} holds (Flink, the table planner and runtime, log4j; no
 * flink-connector-base), flink-json and the jar, and nothing else of ours, runs a query against a
 * real SSE server on loopback.
 */
class SqlJarITCase {

    @TempDir Path tmp;

    @Test
    void aQueryRunsWithTheShadedJarOnAFlinkLibClassPath() throws Exception {
        List<String> flinkLib = flinkLibClassPath();
        assertThat(flinkLib)
                .noneMatch(entry -> entry.contains("flink-connector-base"))
                .noneMatch(entry -> entry.contains("okhttp") || entry.contains("jackson-databind"))
                .anyMatch(entry -> entry.contains("flink-json"))
                .anyMatch(entry -> entry.contains("flink-table-planner-loader"));
        Path jar = Path.of(System.getProperty("sql.connector.jar"));
        assertThat(jar).exists();
        List<String> classPath = new ArrayList<>(flinkLib);
        classPath.add(jar.toString());

        try (LoopbackSseServer server = new LoopbackSseServer()) {
            String url =
                    server.stream(
                            "/streams/changes",
                            List.of(
                                    new Event(null, "{\"wiki\":\"enwiki\",\"n\":1}"),
                                    new Event(null, "{\"wiki\":\"dewiki\",\"n\":2}")));
            Path output = tmp.resolve("child.out");
            Process child =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx1g",
                                    "-Djava.io.tmpdir=" + tmp,
                                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                                    "-cp",
                                    String.join(File.pathSeparator, classPath),
                                    System.getProperty("sql.jar.driver"),
                                    url,
                                    "2")
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
            boolean ended = child.waitFor(4, TimeUnit.MINUTES);
            if (!ended) {
                child.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);

            assertThat(ended).as(printed).isTrue();
            assertThat(child.exitValue()).as(printed).isZero();
            assertThat(printed)
                    .contains("connector-base from: file:" + jar.toAbsolutePath())
                    .contains("ROW +I[enwiki, 10, 0]")
                    .contains("ROW +I[dewiki, 20, 1]");
        }
    }

    private static List<String> flinkLibClassPath() throws Exception {
        String file = System.getProperty("flink.lib.classpath.file");
        return Arrays.asList(
                Files.readString(Path.of(file), StandardCharsets.UTF_8)
                        .trim()
                        .split(File.pathSeparator));
    }
}
