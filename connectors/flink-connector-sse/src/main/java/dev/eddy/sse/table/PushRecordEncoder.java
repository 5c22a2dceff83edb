package dev.eddy.sse.table;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.eddy.sse.sink.SsePushRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * Turns the rows of a query into the push sink's records: inserts and the new value of updates
 * become one JSON object each (with a {@code "key"} field made of the key columns, if any);
 * retractions (the old value of an update, deletes) are not published, since a subscriber sees the
 * newest record of a key as its current value.
 */
@Internal
final class PushRecordEncoder extends RichFlatMapFunction<RowData, SsePushRecord> {

    private static final long serialVersionUID = 1L;

    private final String stream;
    private final SerializationSchema<RowData> format;
    private final List<RowData.FieldGetter> keyFields;

    PushRecordEncoder(
            String stream, SerializationSchema<RowData> format, List<RowData.FieldGetter> keys) {
        this.stream = stream;
        this.format = format;
        this.keyFields = List.copyOf(keys);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        format.open(
                new SerializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return getRuntimeContext().getMetricGroup();
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return SimpleUserCodeClassLoader.create(
                                getRuntimeContext().getUserCodeClassLoader());
                    }
                });
    }

    @Override
    public void flatMap(RowData row, Collector<SsePushRecord> out) {
        if (row.getRowKind() == RowKind.UPDATE_BEFORE || row.getRowKind() == RowKind.DELETE) {
            return;
        }
        String json = new String(format.serialize(row), StandardCharsets.UTF_8);
        out.collect(new SsePushRecord(stream, keyFields.isEmpty() ? json : withKey(row, json)));
    }

    private String withKey(RowData row, String json) {
        StringBuilder key = new StringBuilder();
        for (RowData.FieldGetter field : keyFields) {
            if (key.length() > 0) {
                key.append('|');
            }
            key.append(field.getFieldOrNull(row));
        }
        StringBuilder object = new StringBuilder(json.length() + key.length() + 10);
        object.append("{\"key\":\"")
                .append(JsonStringEncoder.getInstance().quoteAsString(key.toString()))
                .append('"');
        String rest = json.substring(json.indexOf('{') + 1).trim();
        if (!rest.startsWith("}")) {
            object.append(',');
        }
        return object.append(rest).toString();
    }
}
