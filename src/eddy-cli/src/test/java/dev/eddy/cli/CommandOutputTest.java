package dev.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command prints through picocli's writers, so a caller that sets them gets all output. */
class CommandOutputTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int eddy(String... args) {
        CommandLine eddy = new CommandLine(new Eddy());
        eddy.setOut(new PrintWriter(out, true));
        eddy.setErr(new PrintWriter(err, true));
        return eddy.execute(args);
    }

    @Test
    void withoutASubcommandTheUsageGoesToTheErrorWriter() {
        eddy();

        assertThat(err.toString()).contains("Usage: eddy", "local", "replay", "tail", "serve");
    }

    @Test
    void replayReportsAMissingRecordingOnTheErrorWriter(@TempDir Path dir) {
        int exitCode = eddy("replay", dir.resolve("missing.jsonl").toString(), "--port", "0");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).startsWith("eddy replay: ");
    }

    @Test
    void serveReportsAMissingPublishTokenOnTheErrorWriter() {
        assumeTrue(
                System.getenv(ServeCommand.PUBLISH_TOKEN_ENV) == null,
                "EDDY_PUBLISH_TOKEN is set in this environment");

        int exitCode = eddy("serve", "--port", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("eddy serve: no publish token");
    }

    @Test
    void benchClientReportsBadSettingsOnTheErrorWriter() {
        int exitCode = eddy("bench", "client", "--rounds", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("eddy bench client: rounds must be positive");
    }

    @Test
    void benchFanoutReportsBadSettingsOnTheErrorWriter() {
        int exitCode = eddy("bench", "fanout", "--clients", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("eddy bench fanout: clients must be 1..200000");
    }

    @Test
    void benchPipelineReportsBadSettingsOnTheErrorWriter() {
        int exitCode = eddy("bench", "pipeline", "--events", "1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("eddy bench pipeline: --events must be at least 2");
    }
}
