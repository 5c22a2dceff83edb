package dev.eddy.sse.table;

import dev.eddy.sse.source.SseSource;
import dev.eddy.sse.source.SseSourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The {@code sse} table source: the FLIP-27 {@link SseSource} producing rows decoded by the table's
 * format, with metadata columns and the planner's watermark strategy pushed into the source.
 */
@Internal
final class SseDynamicTableSource
        implements ScanTableSource, SupportsReadingMetadata, SupportsWatermarkPushDown {

    private final String tableName;
    private final SseSourceSettings settings;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final DataType physicalDataType;
    private List<SseMetadata> metadata = List.of();
    private DataType producedDataType;
    private WatermarkStrategy<RowData> watermarkStrategy = WatermarkStrategy.noWatermarks();

    SseDynamicTableSource(
            String tableName,
            SseSourceSettings settings,
            DecodingFormat<DeserializationSchema<RowData>> format,
            DataType physicalDataType) {
        this.tableName = tableName;
        this.settings = settings;
        this.format = format;
        this.physicalDataType = physicalDataType;
        this.producedDataType = physicalDataType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        DeserializationSchema<RowData> decoder =
                format.createRuntimeDecoder(context, physicalDataType);
        RowType physicalType = (RowType) physicalDataType.getLogicalType();
        SseRowDeserializer deserializer =
                new SseRowDeserializer(
                        decoder,
                        metadata,
                        settings.eventTypes(),
                        RowFieldPath.notNullFields(physicalType),
                        settings.badRowHandling(),
                        context.createTypeInformation(producedDataType),
                        DataType.getFieldCount(producedDataType));
        SseSourceBuilder<RowData> builder = SseSource.<RowData>builder();
        settings.applyTo(builder);
        builder.setDeserializer(deserializer);
        RowFieldPath key = settings.dedupKey();
        if (key != null) {
            builder.setEventKeyExtractor(key::stringIn, settings.dedupHorizon());
        }
        SseSource<RowData> source = builder.build();
        boolean failOnBadRows = settings.badRowHandling() == BadRowHandling.FAIL;
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment env) {
                DataStreamSource<RowData> rows =
                        env.fromSource(
                                source,
                                watermarkStrategy,
                                "SseSource-" + tableName,
                                deserializer.getProducedType());
                providerContext.generateUid("sse-source").ifPresent(rows::uid);
                if (!failOnBadRows) {
                    return rows;
                }
                SingleOutputStreamOperator<RowData> guarded =
                        rows.map(new BadRowGuard(tableName), deserializer.getProducedType())
                                .name("BadRowGuard-" + tableName)
                                .disableChaining();
                providerContext.generateUid("sse-bad-row-guard").ifPresent(guarded::uid);
                return guarded;
            }

            @Override
            public boolean isBounded() {
                return false;
            }
        };
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> readable = new LinkedHashMap<>();
        for (SseMetadata column : SseMetadata.values()) {
            readable.put(column.key(), column.dataType());
        }
        return readable;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        List<SseMetadata> columns = new ArrayList<>();
        for (String key : metadataKeys) {
            columns.add(SseMetadata.ofKey(key));
        }
        this.metadata = columns;
        this.producedDataType = producedDataType;
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        this.watermarkStrategy = Objects.requireNonNull(watermarkStrategy, "watermarkStrategy");
    }

    @Override
    public DynamicTableSource copy() {
        SseDynamicTableSource copy =
                new SseDynamicTableSource(tableName, settings, format, physicalDataType);
        copy.metadata = metadata;
        copy.producedDataType = producedDataType;
        copy.watermarkStrategy = watermarkStrategy;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "SSE";
    }
}
