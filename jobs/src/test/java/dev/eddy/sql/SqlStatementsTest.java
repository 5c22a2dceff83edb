package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    private static final Map<String, String> VARIABLES =
            Map.of("EDDY_SOURCE_URL", "http://127.0.0.1:9/s");

    @Test
    void semicolonsInLiteralsIdentifiersAndCommentsDoNotEndAStatement() {
        String script =
                "-- a comment; with a semicolon\n"
                        + "SELECT 'a;b', `c;d` FROM t; /* block; comment */\n"
                        + "SELECT 'it''s;' FROM u;";

        assertThat(SqlStatements.split(script, VARIABLES))
                .containsExactly("SELECT 'a;b', `c;d` FROM t", "SELECT 'it''s;' FROM u");
    }

    @Test
    void placeholdersAreFilledInAndEnvReferencesLeftAlone() {
        assertThat(
                        SqlStatements.split(
                                "CREATE TABLE t (a INT) WITH ('url' = '${EDDY_SOURCE_URL}',"
                                        + " 'http.header.Authorization' = 'Bearer ${env:TOKEN}');",
                                VARIABLES))
                .containsExactly(
                        "CREATE TABLE t (a INT) WITH ('url' = 'http://127.0.0.1:9/s',"
                                + " 'http.header.Authorization' = 'Bearer ${env:TOKEN}')");
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> SqlStatements.split("SELECT '${EDDY_NOPE}';", VARIABLES))
                .hasMessageContaining("Unknown placeholder ${EDDY_NOPE}")
                .hasMessageContaining("EDDY_SOURCE_URL");
    }

    @Test
    void aScriptEndingInsideAStatementIsAnError() {
        assertThatThrownBy(() -> SqlStatements.split("SELECT 1; SELECT 2", VARIABLES))
                .hasMessageContaining("a ';' is missing");
    }

    @Test
    void statementsTypedLineByLineCompleteAtTheirSemicolon() {
        SqlStatements statements = new SqlStatements(VARIABLES);
        statements.append("SELECT 1,\n");
        assertThat(statements.next()).isEmpty();
        assertThat(statements.isBlank()).isFalse();
        statements.append("  2; -- done\n");
        assertThat(statements.next()).contains("SELECT 1,\n  2");
        assertThat(statements.isBlank()).isTrue();
    }
}
