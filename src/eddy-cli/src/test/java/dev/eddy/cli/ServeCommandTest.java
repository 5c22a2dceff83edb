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
                        "--kafka",
                        "--topics",
                        "--snapshot-span",
                        "EDDY_PUBLISH_TOKEN");
    }

    @Test
    void withoutAPublishTokenItRefusesToStart() {
        assumeTrue(
                System.getenv(ServeCommand.PUBLISH_TOKEN_ENV) == null,
                "EDDY_PUBLISH_TOKEN is set in this environment");

        StringWriter err = new StringWriter();
        CommandLine eddy = new CommandLine(new Eddy());
        eddy.setErr(new PrintWriter(err));

        int exitCode = eddy.execute("serve", "--port", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("EDDY_PUBLISH_TOKEN", "--kafka");
    }
}
