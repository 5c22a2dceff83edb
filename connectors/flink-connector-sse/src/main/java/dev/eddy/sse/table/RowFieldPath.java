package dev.eddy.sse.table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.RowType;

/**
 * A field of a row, possibly nested in ROW columns ({@code meta.id}), read from {@link RowData}.
 */
@Internal
final class RowFieldPath implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int[] indexes;
    private final int[] arities;
    private final LogicalType type;

    private RowFieldPath(String path, int[] indexes, int[] arities, LogicalType type) {
        this.path = path;
        this.indexes = indexes;
        this.arities = arities;
        this.type = type;
    }

    /**
     * @throws ValidationException naming the option if a part of the path is not a field
     */
    static RowFieldPath resolve(RowType rowType, String dottedPath, String optionKey) {
        String[] names = dottedPath.split("\\.", -1);
        int[] indexes = new int[names.length];
        int[] arities = new int[names.length];
        LogicalType current = rowType;
        for (int i = 0; i < names.length; i++) {
            if (!(current instanceof RowType)) {
                throw new ValidationException(
                        String.format(
                                "Option '%s': '%s' is not a ROW, so it has no field '%s'.",
                                optionKey, String.join(".", Arrays.copyOf(names, i)), names[i]));
            }
            RowType row = (RowType) current;
            int index = row.getFieldNames().indexOf(names[i]);
            if (index < 0) {
                throw new ValidationException(
                        String.format(
                                "Option '%s': there is no field '%s' in '%s'; the fields are %s.",
                                optionKey,
                                names[i],
                                i == 0 ? "the table" : String.join(".", Arrays.copyOf(names, i)),
                                row.getFieldNames()));
            }
            indexes[i] = index;
            arities[i] = row.getFieldCount();
            current = row.getTypeAt(index);
        }
        return new RowFieldPath(dottedPath, indexes, arities, current);
    }

    /** Every field declared NOT NULL, in nested ROWs too, as paths. */
    static List<RowFieldPath> notNullFields(RowType rowType) {
        List<RowFieldPath> paths = new ArrayList<>();
        collectNotNull(rowType, "", new int[0], new int[0], paths);
        return paths;
    }

    private static void collectNotNull(
            RowType row, String prefix, int[] indexes, int[] arities, List<RowFieldPath> into) {
        for (int i = 0; i < row.getFieldCount(); i++) {
            LogicalType type = row.getTypeAt(i);
            String path = prefix + row.getFieldNames().get(i);
            int[] childIndexes = Arrays.copyOf(indexes, indexes.length + 1);
            int[] childArities = Arrays.copyOf(arities, arities.length + 1);
            childIndexes[indexes.length] = i;
            childArities[arities.length] = row.getFieldCount();
            if (!type.isNullable()) {
                into.add(new RowFieldPath(path, childIndexes, childArities, type));
            }
            if (type instanceof RowType) {
                collectNotNull((RowType) type, path + ".", childIndexes, childArities, into);
            }
        }
    }

    String path() {
        return path;
    }

    boolean isCharacterString() {
        return type.is(LogicalTypeFamily.CHARACTER_STRING);
    }

    /** True if the field, or a ROW it is nested in, is NULL. */
    boolean isNullIn(RowData row) {
        RowData parent = parentOf(row);
        return parent == null || parent.isNullAt(indexes[indexes.length - 1]);
    }

    /** The field as a string; null if it or a ROW it is nested in is NULL. */
    @Nullable
    String stringIn(RowData row) {
        RowData parent = parentOf(row);
        int last = indexes[indexes.length - 1];
        return parent == null || parent.isNullAt(last) ? null : parent.getString(last).toString();
    }

    private @Nullable RowData parentOf(RowData row) {
        RowData current = row;
        for (int i = 0; i < indexes.length - 1; i++) {
            if (current.isNullAt(indexes[i])) {
                return null;
            }
            current = current.getRow(indexes[i], arities[i + 1]);
        }
        return current;
    }
}
