package dev.eddy.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SQL text into statements at semicolons outside string literals, quoted identifiers and
 * comments, and fills in {@code ${EDDY_...}} placeholders. Feed it text piece by piece (lines typed
 * at a prompt): {@link #next()} returns each statement once it is complete.
 */
public final class SqlStatements {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(EDDY_[A-Z0-9_]+)}");

    private final Map<String, String> variables;
    private final StringBuilder pending = new StringBuilder();

    /**
     * @param variables the values of the {@code ${EDDY_...}} placeholders
     */
    public SqlStatements(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** Splits a whole script. */
    public static List<String> split(String script, Map<String, String> variables) {
        SqlStatements statements = new SqlStatements(variables);
        statements.append(script);
        List<String> all = new ArrayList<>();
        for (Optional<String> next = statements.next();
                next.isPresent();
                next = statements.next()) {
            all.add(next.get());
        }
        if (!statements.isBlank()) {
            throw new IllegalArgumentException(
                    "The script ends inside a statement (a ';' is missing): "
                            + abbreviate(statements.pending.toString().trim()));
        }
        return all;
    }

    public void append(String text) {
        pending.append(text);
    }

    /** True if no statement text is waiting for its ';' (comments and blanks do not count). */
    public boolean isBlank() {
        return withoutComments(pending.toString()).isBlank();
    }

    /**
     * The next complete statement, without its ';', comments removed and placeholders filled in.
     *
     * @throws IllegalArgumentException for a placeholder without a value
     */
    public Optional<String> next() {
        while (true) {
            int end = statementEnd(pending);
            if (end < 0) {
                return Optional.empty();
            }
            String statement = withoutComments(pending.substring(0, end)).trim();
            pending.delete(0, end + 1);
            if (!statement.isEmpty()) {
                return Optional.of(fillIn(statement));
            }
        }
    }

    /** The first keyword(s) of a statement, upper case and single-spaced, for dispatching. */
    public static String head(String statement, int words) {
        String[] parts = statement.trim().split("\\s+", words + 1);
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < Math.min(words, parts.length); i++) {
            head.append(i == 0 ? "" : " ").append(parts[i].toUpperCase(Locale.ROOT));
        }
        return head.toString();
    }

    private String fillIn(String statement) {
        Matcher placeholder = PLACEHOLDER.matcher(statement);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = variables.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalArgumentException(
                        "Unknown placeholder ${"
                                + placeholder.group(1)
                                + "}; eddy sql knows "
                                + variables.keySet().stream().sorted().toList());
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    /** Index of the ';' that ends the first statement, or -1. */
    private static int statementEnd(CharSequence text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '`' || c == '"') {
                i = closing(text, i, c);
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                i = lineEnd(text, i);
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                i = blockCommentEnd(text, i);
            } else if (c == ';') {
                return i;
            } else {
                i++;
            }
            if (i < 0) {
                return -1;
            }
        }
        return -1;
    }

    private static String withoutComments(String text) {
        StringBuilder kept = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int next;
            if (c == '\'' || c == '`' || c == '"') {
                next = closing(text, i, c);
                next = next < 0 ? text.length() : next;
                kept.append(text, i, next);
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                next = lineEnd(text, i);
                next = next < 0 ? text.length() : next;
                kept.append('\n');
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                next = blockCommentEnd(text, i);
                next = next < 0 ? text.length() : next;
                kept.append(' ');
            } else {
                next = i + 1;
                kept.append(c);
            }
            i = next;
        }
        return kept.toString();
    }

    /** Index after the quote closing the one at {@code start} (doubled quotes escape), or -1. */
    private static int closing(CharSequence text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static int lineEnd(CharSequence text, int start) {
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int blockCommentEnd(CharSequence text, int start) {
        for (int i = start + 2; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '*' && text.charAt(i + 1) == '/') {
                return i + 2;
            }
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
