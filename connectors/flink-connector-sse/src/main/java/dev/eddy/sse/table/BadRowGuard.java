package dev.eddy.sse.table;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

/**
 * Fails the job at a bad-row marker, for {@code 'scan.bad-rows' = 'fail'}. The source's record
 * emitter treats every exception raised while it emits (its deserializer's, and those of operators
 * chained to the source) as a skippable parse error, so the failure is raised here, in an operator
 * of its own task right after the source. The source otherwise emits inserts only, so a DELETE row
 * is the marker.
 */
@Internal
final class BadRowGuard implements MapFunction<RowData, RowData> {

    private static final long serialVersionUID = 1L;

    private final String table;

    BadRowGuard(String table) {
        this.table = table;
    }

    static RowData marker(int arity) {
        return new GenericRowData(RowKind.DELETE, arity);
    }

    static boolean isMarker(RowData row) {
        return row.getRowKind() == RowKind.DELETE;
    }

    @Override
    public RowData map(RowData row) {
        if (isMarker(row)) {
            throw new BadRowException(
                    "Table "
                            + table
                            + " read a bad row and 'scan.bad-rows' is 'fail' (the source logged why,"
                            + " with the event id). Fix the input or the table definition, or set"
                            + " 'scan.bad-rows' = 'skip' to count and skip such rows.");
        }
        return row;
    }
}
