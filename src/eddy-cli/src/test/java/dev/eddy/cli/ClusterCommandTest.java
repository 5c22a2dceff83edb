package dev.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code eddy cluster} says when it cannot start, before it starts anything. */
class ClusterCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine eddy = new CommandLine(new Eddy());
        eddy.setErr(new PrintWriter(err, true));
        eddy.setOut(new PrintWriter(out, true));
        return eddy.execute(args);
    }

    @Test
    void aPortInUseIsNamedWithTheOptionThatChangesIt(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));

            int exitCode =
                    run(
                            "cluster",
                            "--ui-port",
                            Integer.toString(taken.getLocalPort()),
                            "--data-dir",
                            dataDir.toString());

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString())
                    .contains("Port " + taken.getLocalPort() + " for the Flink Web UI is in use")
                    .contains("--ui-port");
        }
    }

    @Test
    void aDataDirectoryThatIsNotOursIsRefused(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("precious.txt"), "not eddy's");

        int exitCode =
                run(
                        "cluster",
                        "--ui-port",
                        "0",
                        "--http-port",
                        "0",
                        "--data-dir",
                        dataDir.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .contains("is not empty and not eddy cluster's")
                .contains("--data-dir");
        assertThat(dataDir.resolve("precious.txt")).exists();
    }

    @Test
    void aMissingRecordingIsReported(@TempDir Path dataDir) {
        int exitCode =
                run(
                        "cluster",
                        "--replay",
                        "no-such-recording.jsonl",
                        "--data-dir",
                        dataDir.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read the recording no-such-recording.jsonl");
    }

    @Test
    void helpSaysWhatRunsWhereAndHowToStopIt() {
        int exitCode = run("cluster", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Flink session cluster")
                .contains("Kafka broker JVM")
                .contains("--taskmanagers")
                .contains("Ctrl-C stops it all");
    }
}
