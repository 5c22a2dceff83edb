package dev.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine eddy = new CommandLine(new Eddy());
        eddy.setOut(new PrintWriter(out));

        int exitCode = eddy.execute("serve", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains(
                        "--port",
                        "--publish-token",
                        "--read-token",
                        "--history",
                        "EDDY_PUBLISH_TOKEN");
    }

    @Test
    void withoutAPublishTokenItRefusesToStart() {
        assumeTrue(
                System.getenv(ServeCommand.PUBLISH_TOKEN_ENV) == null,
                "EDDY_PUBLISH_TOKEN is set in this environment");

        int exitCode = new CommandLine(new Eddy()).execute("serve", "--port", "0");

        assertThat(exitCode).isEqualTo(2);
    }
}
