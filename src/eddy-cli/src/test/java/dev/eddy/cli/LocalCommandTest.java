package dev.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.local.LocalSettings;
import dev.eddy.local.ServeFrom;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * How {@code eddy local} reads its options, and what it says when it cannot start, before it starts
 * anything.
 */
class LocalCommandTest {

    private static final String RECORDING = "../../samples/recentchange-wikidata-2018-03-07a.jsonl";

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine eddy = new CommandLine(new Eddy());
        eddy.setErr(new PrintWriter(err, true));
        eddy.setOut(new PrintWriter(new StringWriter(), true));
        return eddy.execute(args);
    }

    @Test
    void aPortInUseIsNamedWithTheOptionThatChangesIt(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));

            int exitCode =
                    run(
                            "local",
                            "--replay",
                            RECORDING,
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
    void aMissingRecordingIsReported(@TempDir Path dataDir) {
        int exitCode =
                run(
                        "local",
                        "--replay",
                        "no-such-recording.jsonl",
                        "--data-dir",
                        dataDir.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read the recording no-such-recording.jsonl");
    }

    @Test
    void sourceAndReplayTogetherAreRefused(@TempDir Path dataDir) {
        int exitCode =
                run(
                        "local",
                        "--replay",
                        RECORDING,
                        "--source",
                        "http://127.0.0.1:1/s",
                        "--data-dir",
                        dataDir.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("give --source or --replay, not both");
    }

    @Test
    void aPushJobOptionIsRefusedInBothModes(@TempDir Path dataDir) {
        for (String serveFrom : new String[] {"push", "kafka"}) {
            int exitCode =
                    run(
                            "local",
                            "--serve-from=" + serveFrom,
                            "--replay",
                            RECORDING,
                            "--data-dir",
                            dataDir.toString(),
                            "--push=http://127.0.0.1:1");

            assertThat(exitCode).isEqualTo(2);
        }
        assertThat(err.toString()).contains("the job option --push is for a job on a cluster");
    }

    @Test
    void servesFromPushUnlessAskedForKafka() {
        assertThat(parse().serveFrom()).isEqualTo(ServeFrom.PUSH);
        assertThat(parse("--serve-from=kafka").serveFrom()).isEqualTo(ServeFrom.KAFKA);
        assertThat(parse("--serve-from", "push").serveFrom()).isEqualTo(ServeFrom.PUSH);
    }

    @Test
    void anUnknownServeFromValueIsRefusedNamingTheAcceptedOnes(@TempDir Path dataDir) {
        int exitCode =
                run(
                        "local",
                        "--serve-from=disk",
                        "--replay",
                        RECORDING,
                        "--data-dir",
                        dataDir.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "Invalid value for option '--serve-from': expected push or kafka, got 'disk'");
    }

    private static LocalSettings parse(String... args) {
        LocalCommand local = new LocalCommand();
        new CommandLine(local).parseArgs(args);
        return local.settings();
    }
}
