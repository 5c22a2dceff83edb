package dev.eddy.local.sql;

import dev.eddy.sql.SqlSession;
import dev.eddy.sql.SqlStatements;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The interactive mode of {@code eddy sql}: reads statements line by line (a statement ends with
 * ';'), runs each, and reports an error without ending the session, as Flink's SQL client does.
 * {@code QUIT;} or the end of input ends it.
 */
public final class SqlPrompt {

    static final String PROMPT = "Flink SQL> ";
    static final String CONTINUATION = "> ";

    private final SqlSession session;
    private final SqlStatements statements;
    private final InputStream in;
    private final PrintWriter out;

    public SqlPrompt(
            SqlSession session, Map<String, String> variables, InputStream in, PrintWriter out) {
        this.session = session;
        this.statements = new SqlStatements(variables);
        this.in = in;
        this.out = out;
    }

    /** Runs until QUIT or the end of input; returns the exit code. */
    public int run() throws Exception {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.print(PROMPT);
        out.flush();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            statements.append(line + "\n");
            while (true) {
                Optional<String> next;
                try {
                    next = statements.next();
                } catch (IllegalArgumentException e) {
                    out.println("[ERROR] " + e.getMessage());
                    continue;
                }
                if (next.isEmpty()) {
                    break;
                }
                String head = SqlStatements.head(next.get(), 1);
                if (head.equals("QUIT") || head.equals("EXIT")) {
                    out.println("Shutting down the session…");
                    out.flush();
                    return 0;
                }
                run(next.get());
            }
            out.print(statements.isBlank() ? PROMPT : CONTINUATION);
            out.flush();
        }
        out.println();
        out.flush();
        return 0;
    }

    private void run(String statement) {
        try {
            session.execute(statement);
        } catch (Exception e) {
            out.println("[ERROR] Could not execute SQL statement. Reason:");
            out.println(SqlSession.reason(e));
        }
        out.println();
        out.flush();
    }
}
