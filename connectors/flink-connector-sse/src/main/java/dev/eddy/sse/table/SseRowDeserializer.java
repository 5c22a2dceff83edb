package dev.eddy.sse.table;

import dev.eddy.sse.client.StreamUrls;
import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.source.reader.OncePerKindLogger;
import dev.eddy.sse.source.reader.deserializer.SseEventDeserializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.util.Collector;
import org.slf4j.LoggerFactory;

/**
 * Turns SSE events into table rows: keeps the wanted event types, decodes the data with the table's
 * format, checks NOT NULL fields, and appends the requested metadata columns. A bad row
 * (undecodable data, NULL in a NOT NULL field) is counted in {@link #BAD_ROWS_METRIC} and skipped;
 * with {@link BadRowHandling#FAIL} it is passed on as a {@link BadRowGuard#isMarker marker} that
 * fails the job.
 */
@Internal
final class SseRowDeserializer implements SseEventDeserializer<RowData> {

    private static final long serialVersionUID = 1L;

    /** Counter of bad rows, in the reader's {@code deserializer} metric group. */
    static final String BAD_ROWS_METRIC = "badRows";

    private final DeserializationSchema<RowData> format;
    private final List<SseMetadata> metadata;
    private final @Nullable Set<String> eventTypes;
    private final List<RowFieldPath> notNullFields;
    private final BadRowHandling badRowHandling;
    private final TypeInformation<RowData> producedType;
    private final int producedArity;

    private transient Counter badRows;
    private transient OncePerKindLogger problems;
    private transient List<RowData> decoded;
    private transient String lastStreamUrl;
    private transient StringData lastRedactedUrl;

    SseRowDeserializer(
            DeserializationSchema<RowData> format,
            List<SseMetadata> metadata,
            @Nullable Set<String> eventTypes,
            List<RowFieldPath> notNullFields,
            BadRowHandling badRowHandling,
            TypeInformation<RowData> producedType,
            int producedArity) {
        this.format = format;
        this.metadata = List.copyOf(metadata);
        this.eventTypes = eventTypes == null ? null : Set.copyOf(eventTypes);
        this.notNullFields = List.copyOf(notNullFields);
        this.badRowHandling = badRowHandling;
        this.producedType = producedType;
        this.producedArity = producedArity;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        format.open(context);
        badRows = context.getMetricGroup().counter(BAD_ROWS_METRIC);
        problems = new OncePerKindLogger(LoggerFactory.getLogger(SseRowDeserializer.class));
        decoded = new ArrayList<>(1);
    }

    @Override
    public void deserialize(SseEvent event, String streamUrl, Collector<RowData> out) {
        if (eventTypes != null && !eventTypes.contains(event.type())) {
            return;
        }
        decoded.clear();
        try {
            format.deserialize(event.dataUtf8(), new ListCollector<>(decoded));
        } catch (Exception e) {
            bad("undecodable", event, streamUrl, "the format could not decode it: " + e, out);
            return;
        }
        for (RowData row : decoded) {
            String nullField = firstNullViolation(row);
            if (nullField != null) {
                bad(
                        "null-in-not-null",
                        event,
                        streamUrl,
                        "field '" + nullField + "' is declared NOT NULL but is NULL",
                        out);
            } else {
                out.collect(metadata.isEmpty() ? row : withMetadata(row, event, streamUrl));
            }
        }
    }

    private @Nullable String firstNullViolation(RowData row) {
        for (RowFieldPath field : notNullFields) {
            if (field.isNullIn(row)) {
                return field.path();
            }
        }
        return null;
    }

    private RowData withMetadata(RowData row, SseEvent event, String streamUrl) {
        GenericRowData values = new GenericRowData(metadata.size());
        long now = System.currentTimeMillis();
        StringData url = redacted(streamUrl);
        for (int i = 0; i < metadata.size(); i++) {
            values.setField(i, metadata.get(i).read(event, url, now));
        }
        return new JoinedRowData(row.getRowKind(), row, values);
    }

    private StringData redacted(String streamUrl) {
        if (!streamUrl.equals(lastStreamUrl)) {
            lastStreamUrl = streamUrl;
            lastRedactedUrl = StringData.fromString(StreamUrls.redact(streamUrl));
        }
        return lastRedactedUrl;
    }

    private void bad(
            String kind, SseEvent event, String streamUrl, String why, Collector<RowData> out) {
        badRows.inc();
        problems.warn(
                kind,
                "Bad row from {} at event id '{}' ({}): {}",
                StreamUrls.redact(streamUrl),
                event.lastEventId(),
                badRowHandling == BadRowHandling.FAIL ? "failing the job" : "skipped",
                why);
        if (badRowHandling == BadRowHandling.FAIL) {
            out.collect(BadRowGuard.marker(producedArity));
        }
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
