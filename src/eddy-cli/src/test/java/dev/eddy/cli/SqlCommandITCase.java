package dev.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eddy sql} at its prompt: statements fed on standard input, the printed output asserted.
 */
class SqlCommandITCase {

    static final Path RECORDING = Path.of("../../samples/recentchange-wikidata-2018-03-07a.jsonl");

    @TempDir Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void thePromptRunsStatementsAndPrintsEachQuerysChangelogLive() throws Exception {
        List<String> events = Files.readAllLines(RECORDING).subList(0, 20);
        Path recording = dataDir.resolve("twenty.jsonl");
        Files.write(recording, events);
        String statements =
                String.join(
                        "\n",
                        "CREATE TABLE rc (",
                        "  `type` STRING NOT NULL, title STRING NOT NULL,",
                        "  id STRING METADATA FROM 'event-id' VIRTUAL",
                        ") WITH ('connector' = 'sse', 'url' = '${EDDY_SOURCE_URL}', 'format' = 'json');",
                        "SELECT wiki, COUNT(*) AS events",
                        "  FROM (VALUES ('a'), ('b'), ('a')) AS t(wiki) GROUP BY wiki;",
                        "SET 'eddy.result.max-rows' = '3';",
                        "SELECT `type`, title FROM rc;",
                        "SELECT * FROM no_such_table;",
                        "QUIT;");

        int exitCode =
                sql(
                        new ByteArrayInputStream(statements.getBytes(StandardCharsets.UTF_8)),
                        "--replay",
                        recording.toString(),
                        "--replay-rate",
                        "0",
                        "--kafka-port",
                        "0",
                        "--http-port",
                        "0",
                        "--ui-port",
                        "0",
                        "--data-dir",
                        dataDir.resolve("stack").toString());

        assertThat(exitCode).as(err.toString()).isZero();
        List<String> lines =
                out.toString().lines().map(line -> line.replaceAll(" +", " ")).toList();
        assertThat(lines)
                .anySatisfy(
                        line -> assertThat(line).endsWith("[INFO] Session property has been set."))
                .containsSubsequence(
                        "| op | wiki | events |",
                        "| +I | a | 1 |",
                        "| +I | b | 1 |",
                        "| -U | a | 1 |",
                        "| +U | a | 2 |",
                        "Received 4 changes (the query ended).")
                .containsSubsequence(
                        "| op | type | title |",
                        "| +I | "
                                + field(events.get(0), "type")
                                + " | "
                                + field(events.get(0), "title")
                                + " |",
                        "| +I | "
                                + field(events.get(1), "type")
                                + " | "
                                + field(events.get(1), "title")
                                + " |",
                        "| +I | "
                                + field(events.get(2), "type")
                                + " | "
                                + field(events.get(2), "title")
                                + " |",
                        "Received 3 changes (eddy.result.max-rows reached, query cancelled).")
                .anySatisfy(line -> assertThat(line).contains("Object 'no_such_table' not found"))
                .last()
                .isEqualTo("Flink SQL> Shutting down the session…");
        assertThat(out.toString()).contains("[ERROR] Could not execute SQL statement. Reason:");
    }

    private int sql(InputStream stdin, String... args) {
        InputStream original = System.in;
        System.setIn(stdin);
        try {
            CommandLine eddy = new CommandLine(new Eddy());
            eddy.setOut(new PrintWriter(out, true));
            eddy.setErr(new PrintWriter(err, true));
            String[] command = new String[args.length + 1];
            command[0] = "sql";
            System.arraycopy(args, 0, command, 1, args.length);
            return eddy.execute(command);
        } finally {
            System.setIn(original);
        }
    }

    private static String field(String json, String name) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(name).asText();
    }
}
