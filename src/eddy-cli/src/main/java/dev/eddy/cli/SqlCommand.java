package dev.eddy.cli;

import dev.eddy.local.sql.SqlPrompt;
import dev.eddy.local.sql.SqlStack;
import dev.eddy.local.sql.SqlStackSettings;
import dev.eddy.sql.SqlSession;
import dev.eddy.sql.SqlStatements;
import dev.eddy.wikimedia.JobOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy sql}: Flink SQL against the embedded stack, from a script or typed at a prompt. */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs Flink SQL against an embedded stack: a Flink MiniCluster with its Web UI, an embedded",
            "Kafka broker and the SSE endpoint; 'sse' and 'sse-push' tables read and publish SSE streams.",
            "With FILE, runs its statements (then waits for the jobs they started); without, reads",
            "statements at a prompt and shows a query's changing result live. In statements,",
            "${EDDY_SOURCE_URL}, ${EDDY_KAFKA_BOOTSTRAP} and ${EDDY_ENDPOINT} name the stack's services."
        })
public final class SqlCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..1",
            paramLabel = "FILE",
            description = "SQL script, e.g. jobs/sql/wikimedia-aggregates.sql.")
    Path script;

    @Option(
            names = "--source",
            paramLabel = "URL",
            description =
                    "The stream ${EDDY_SOURCE_URL} names (default: live Wikimedia recentchange).")
    String source = JobOptions.WIKIMEDIA_RECENTCHANGE;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description =
                    "Replay this recording in-process as ${EDDY_SOURCE_URL} instead (works offline).")
    Path replay;

    @Option(
            names = "--replay-rate",
            paramLabel = "N",
            description =
                    "Replay speed in events/s, 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double replayRate = 50;

    @Option(
            names = "--kafka",
            paramLabel = "embedded|HOST:PORT",
            description = "Kafka for ${EDDY_KAFKA_BOOTSTRAP} (default: ${DEFAULT-VALUE}).")
    String kafka = SqlStackSettings.EMBEDDED_KAFKA;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort = 9092;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "SSE endpoint port (default: ${DEFAULT-VALUE}).")
    int httpPort = 8090;

    @Option(
            names = "--ui-port",
            paramLabel = "PORT",
            description = "Flink Web UI port (default: ${DEFAULT-VALUE}).")
    int uiPort = 8081;

    @Option(
            names = "--slots",
            paramLabel = "N",
            description = "Task slots for the jobs of the session (default: ${DEFAULT-VALUE}).")
    int slots = 4;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Kafka data, checkpoints, savepoints (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(".eddy-sql");

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (script != null && !Files.isReadable(script)) {
            err.println("eddy sql: cannot read the script " + script);
            return 2;
        }
        if (replay != null && !Files.isReadable(replay)) {
            err.println("eddy sql: cannot read the recording " + replay);
            return 2;
        }
        SqlStackSettings settings =
                new SqlStackSettings(
                        source,
                        replay,
                        replayRate,
                        true,
                        kafka,
                        kafkaPort,
                        httpPort,
                        uiPort,
                        slots,
                        dataDir);
        out.println("Starting the embedded stack (Flink MiniCluster, Kafka, SSE endpoint)…");
        out.flush();
        try (SqlStack stack = SqlStack.start(settings)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> closeQuietly(stack), "eddy-sql-stop"));
            stack.serviceLines().forEach(out::println);
            out.flush();
            SqlSession session =
                    new SqlSession(stack.newTableEnvironment(), out, stack.flinkUi().toString());
            return script != null
                    ? runScript(session, stack, out, err)
                    : new SqlPrompt(session, stack.variables(), System.in, out).run();
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("eddy sql: " + e.getMessage());
            return 1;
        }
    }

    private int runScript(SqlSession session, SqlStack stack, PrintWriter out, PrintWriter err)
            throws Exception {
        List<String> statements =
                SqlStatements.split(
                        Files.readString(script, StandardCharsets.UTF_8), stack.variables());
        for (String statement : statements) {
            try {
                session.execute(statement);
            } catch (Exception e) {
                err.println(
                        "eddy sql: "
                                + script
                                + ": could not execute the statement\n"
                                + statement
                                + "\nReason: "
                                + SqlSession.reason(e));
                return 1;
            }
        }
        if (session.jobs().isEmpty()) {
            return 0;
        }
        out.println(
                "[INFO] "
                        + session.jobs().size()
                        + " job(s) running; Ctrl-C stops them and the stack.");
        out.flush();
        for (JobClient job : session.jobs()) {
            job.getJobExecutionResult().get();
        }
        return 0;
    }

    private static void closeQuietly(SqlStack stack) {
        try {
            stack.close();
        } catch (Exception e) {
            // the JVM is going down
        }
    }
}
