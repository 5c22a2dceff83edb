package dev.eddy.sql;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs SQL statements one by one against a table environment, as Flink's SQL client does: {@code
 * SET}/{@code RESET} change the session's configuration, {@code INSERT}s and statement sets ({@code
 * EXECUTE STATEMENT SET BEGIN ... END}, or {@code BEGIN STATEMENT SET; ...; END}) start jobs and
 * say where their results go, queries print their changelog live, everything else prints its
 * result.
 */
public final class SqlSession {

    /**
     * Ends a query's live changelog after this many changes (and cancels the query); unlimited by
     * default, so a query over an endless stream runs until the session ends (Ctrl-C).
     */
    public static final ConfigOption<Long> MAX_RESULT_ROWS =
            ConfigOptions.key("eddy.result.max-rows")
                    .longType()
                    .defaultValue(Long.MAX_VALUE)
                    .withDescription("Changes of a query's result to print before cancelling it.");

    private static final Pattern INSERT_TARGET =
            Pattern.compile(
                    "^\\s*(?:EXECUTE\\s+)?INSERT\\s+(?:INTO|OVERWRITE)\\s+((?:`[^`]+`|[\\w$]+)(?:\\s*\\.\\s*(?:`[^`]+`|[\\w$]+))*)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern SET =
            Pattern.compile(
                    "^\\s*SET\\s+'([^']+)'\\s*=\\s*'((?:[^']|'')*)'\\s*$",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RESET =
            Pattern.compile("^\\s*RESET\\s+'([^']+)'\\s*$", Pattern.CASE_INSENSITIVE);

    private final StreamTableEnvironment tables;
    private final PrintWriter out;
    private final String flinkUi;
    private final List<JobClient> jobs = new ArrayList<>();
    private List<String> statementSet;

    /**
     * @param flinkUi the Flink Web UI's base URL, for the links to submitted jobs
     */
    public SqlSession(StreamTableEnvironment tables, PrintWriter out, String flinkUi) {
        this.tables = tables;
        this.out = out;
        this.flinkUi = flinkUi;
    }

    /** The jobs the session started, in order. */
    public List<JobClient> jobs() {
        return List.copyOf(jobs);
    }

    /**
     * Runs one statement (without its ';').
     *
     * @throws Exception whatever Flink throws for it: invalid SQL, a failed query
     */
    public void execute(String statement) throws Exception {
        String head = SqlStatements.head(statement, 3);
        if (statementSet != null) {
            if (head.equals("END")) {
                List<String> inserts = statementSet;
                statementSet = null;
                submitStatementSet(inserts);
            } else {
                statementSet.add(statement);
            }
            return;
        }
        if (head.equals("BEGIN STATEMENT SET")) {
            statementSet = new ArrayList<>();
            out.println("[INFO] Begin a statement set: INSERTs until END.");
            return;
        }
        if (head.startsWith("EXECUTE STATEMENT SET")) {
            String body = statement.trim().substring("EXECUTE STATEMENT SET".length()).trim();
            if (!SqlStatements.head(body, 1).equals("BEGIN")) {
                throw new IllegalArgumentException("EXECUTE STATEMENT SET needs BEGIN ... END");
            }
            statementSet = new ArrayList<>();
            statementSet.add(body.substring("BEGIN".length()));
            return;
        }
        Matcher set = SET.matcher(statement);
        if (set.matches()) {
            tables.getConfig()
                    .getConfiguration()
                    .setString(set.group(1), set.group(2).replace("''", "'"));
            out.println("[INFO] Session property has been set.");
            out.flush();
            return;
        }
        Matcher reset = RESET.matcher(statement);
        if (reset.matches()) {
            tables.getConfig().getConfiguration().removeKey(reset.group(1));
            out.println("[INFO] Session property has been reset.");
            out.flush();
            return;
        }
        Matcher insert = INSERT_TARGET.matcher(statement);
        if (insert.find()) {
            TableResult result = tables.executeSql(statement);
            started(result, List.of(insert.group(1)));
            return;
        }
        TableResult result = tables.executeSql(statement);
        if (result.getJobClient().isPresent()) {
            printChangelog(result);
        } else if (result.getResultKind() == ResultKind.SUCCESS) {
            out.println("[INFO] Execute statement succeeded.");
        } else {
            result.print();
        }
        out.flush();
    }

    private void submitStatementSet(List<String> inserts) {
        StatementSet set = tables.createStatementSet();
        List<String> targets = new ArrayList<>();
        for (String insert : inserts) {
            Matcher target = INSERT_TARGET.matcher(insert);
            if (!target.find()) {
                throw new IllegalArgumentException(
                        "A statement set holds INSERT statements only, not: " + insert.trim());
            }
            targets.add(target.group(1));
            set.addInsertSql(insert);
        }
        started(set.execute(), targets);
    }

    private void started(TableResult result, List<String> targets) {
        JobClient job = result.getJobClient().orElseThrow();
        jobs.add(job);
        String id = job.getJobID().toHexString();
        out.println("[INFO] Submitted job " + id + ": " + flinkUi + "/#/job/running/" + id);
        for (String target : targets) {
            out.println("  " + target.replace("`", "") + " -> " + whereResultsGo(target));
        }
        out.flush();
    }

    /** The sink table's destination as a user reaches it: a Kafka topic, an SSE stream URL, ... */
    private String whereResultsGo(String target) {
        String[] name = parts(target);
        String catalog = name.length == 3 ? name[0] : tables.getCurrentCatalog();
        String database = name.length >= 2 ? name[name.length - 2] : tables.getCurrentDatabase();
        Map<String, String> options = Map.of();
        try {
            Optional<Catalog> found = tables.getCatalog(catalog);
            if (found.isPresent()) {
                options =
                        found.get()
                                .getTable(new ObjectPath(database, name[name.length - 1]))
                                .getOptions();
            }
        } catch (TableNotExistException e) {
            return "a temporary table";
        }
        String connector = options.getOrDefault("connector", "?");
        switch (connector) {
            case "sse-push":
                return options.get("url") + "/streams/" + options.get("stream") + "  (SSE)";
            case "kafka":
            case "upsert-kafka":
                return "Kafka topic "
                        + options.get("topic")
                        + " at "
                        + options.get("properties.bootstrap.servers");
            default:
                return "connector '" + connector + "'";
        }
    }

    private void printChangelog(TableResult result) throws Exception {
        long limit = tables.getConfig().get(MAX_RESULT_ROWS);
        ChangelogPrinter printer = new ChangelogPrinter(out, result.getResolvedSchema());
        long rows = 0;
        String why = "the query ended";
        try (CloseableIterator<Row> changes = result.collect()) {
            while (changes.hasNext()) {
                printer.print(changes.next());
                if (++rows >= limit) {
                    why = MAX_RESULT_ROWS.key() + " reached, query cancelled";
                    break;
                }
            }
        }
        printer.end(rows, why);
    }

    /** The root cause of a failed statement, as one line for the user. */
    public static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    private static String[] parts(String name) {
        String[] parts = name.split("\\s*\\.\\s*");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].replace("`", "");
        }
        return parts;
    }
}
