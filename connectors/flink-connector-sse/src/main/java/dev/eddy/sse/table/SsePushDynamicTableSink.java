package dev.eddy.sse.table;

import dev.eddy.sse.sink.SsePushRecord;
import dev.eddy.sse.sink.SsePushSink;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DataStreamSinkProvider;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * The {@code sse-push} table sink: publishes inserts and the new values of updates to an SSE
 * endpoint through {@link SsePushSink}; retractions are not published.
 */
@Internal
final class SsePushDynamicTableSink implements DynamicTableSink {

    private final PushSinkSettings settings;
    private final EncodingFormat<SerializationSchema<RowData>> format;
    private final DataType physicalDataType;
    private final List<Integer> keyIndexes;
    private final boolean upsert;

    SsePushDynamicTableSink(
            PushSinkSettings settings,
            EncodingFormat<SerializationSchema<RowData>> format,
            DataType physicalDataType,
            List<Integer> keyIndexes,
            boolean upsert) {
        this.settings = settings;
        this.format = format;
        this.physicalDataType = physicalDataType;
        this.keyIndexes = List.copyOf(keyIndexes);
        this.upsert = upsert;
    }

    /**
     * With a primary key the planner sends upserts (no old values); without one, every change, and
     * the old values are dropped here.
     */
    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        if (upsert) {
            return ChangelogMode.upsert();
        }
        ChangelogMode.Builder mode = ChangelogMode.newBuilder();
        for (RowKind kind : requestedMode.getContainedKinds()) {
            mode.addContainedKind(kind);
        }
        return mode.build();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        SerializationSchema<RowData> encoder =
                format.createRuntimeEncoder(context, physicalDataType);
        RowType rowType = (RowType) physicalDataType.getLogicalType();
        List<RowData.FieldGetter> keys = new ArrayList<>();
        for (int index : keyIndexes) {
            keys.add(RowData.createFieldGetter(rowType.getTypeAt(index), index));
        }
        PushRecordEncoder toRecords = new PushRecordEncoder(settings.stream(), encoder, keys);
        SsePushSink<SsePushRecord> sink = settings.sink();
        return (DataStreamSinkProvider)
                (providerContext, rows) -> {
                    SingleOutputStreamOperator<SsePushRecord> records =
                            rows.flatMap(toRecords, TypeInformation.of(SsePushRecord.class))
                                    .name("SsePushEncoder-" + settings.stream());
                    providerContext.generateUid("sse-push-encoder").ifPresent(records::uid);
                    DataStreamSink<SsePushRecord> pushed =
                            records.sinkTo(sink).name("SsePush-" + settings.stream());
                    providerContext.generateUid("sse-push").ifPresent(pushed::uid);
                    return pushed;
                };
    }

    @Override
    public DynamicTableSink copy() {
        return new SsePushDynamicTableSink(settings, format, physicalDataType, keyIndexes, upsert);
    }

    @Override
    public String asSummaryString() {
        return "SSE push";
    }
}
