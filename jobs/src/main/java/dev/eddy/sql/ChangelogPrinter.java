package dev.eddy.sql;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.types.Row;

/**
 * Prints a query's changelog as it arrives, one line per change, in the style of Flink's SQL client
 * tableau mode: a header, then {@code | +I | ... |}, {@code | -U | ... |}, {@code | +U | ... |}
 * rows.
 */
final class ChangelogPrinter {

    private static final int MIN_WIDTH = 12;

    private final PrintWriter out;
    private final List<Integer> widths = new ArrayList<>();
    private final String border;

    ChangelogPrinter(PrintWriter out, ResolvedSchema schema) {
        this.out = out;
        StringBuilder line = new StringBuilder("+----+");
        for (Column column : schema.getColumns()) {
            int width = Math.max(MIN_WIDTH, column.getName().length());
            widths.add(width);
            line.append("-".repeat(width + 2)).append('+');
        }
        this.border = line.toString();
        out.println(border);
        StringBuilder header = new StringBuilder("| op |");
        for (int i = 0; i < widths.size(); i++) {
            header.append(' ').append(pad(schema.getColumns().get(i).getName(), widths.get(i)));
            header.append(" |");
        }
        out.println(header);
        out.println(border);
        out.flush();
    }

    void print(Row row) {
        StringBuilder line =
                new StringBuilder("| ").append(row.getKind().shortString()).append(" |");
        for (int i = 0; i < widths.size(); i++) {
            Object value = row.getField(i);
            line.append(' ')
                    .append(pad(value == null ? "<NULL>" : Objects.toString(value), widths.get(i)))
                    .append(" |");
        }
        out.println(line);
        out.flush();
    }

    void end(long rows, String why) {
        out.println(border);
        out.println("Received " + rows + (rows == 1 ? " change" : " changes") + " (" + why + ").");
        out.flush();
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value : " ".repeat(width - value.length()) + value;
    }
}
