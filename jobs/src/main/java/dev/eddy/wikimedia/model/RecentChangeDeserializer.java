package dev.eddy.wikimedia.model;

import static org.apache.flink.util.Preconditions.checkArgument;

import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.source.reader.deserializer.SseEventDeserializer;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.time.Duration;
import java.time.Instant;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Turns each SSE event of a recentchange stream into a {@link WikiInput}: the decoded change, or a
 * dead letter saying why it could not be used. Canary events produce nothing. Never throws, so a
 * bad event never reaches the source's failure path.
 *
 * <p>An event whose time ({@code meta.dt}) lies more than a bound ahead of processing time is a
 * dead letter too, counted in {@value #FUTURE_EVENTS_METRIC}: aggregated, it would move the
 * watermark into the future for good, and every real event after it would be late.
 */
public class RecentChangeDeserializer implements SseEventDeserializer<WikiInput> {

    private static final long serialVersionUID = 1L;

    /** How far ahead of processing time an event time may be by default: clocks drift a little. */
    public static final Duration DEFAULT_MAX_EVENT_TIME_AHEAD = Duration.ofMinutes(5);

    /** The source's counter of events dropped for an event time too far ahead. */
    public static final String FUTURE_EVENTS_METRIC = "futureEvents";

    /** The reason of such a dead letter, up to its first colon (how dead letters are grouped). */
    public static final String FUTURE_EVENT_REASON = "event time ahead of processing time";

    private final RecentChangeDecoder decoder = new RecentChangeDecoder();
    private final long maxAheadMillis;
    private transient @Nullable Counter futureEvents;

    public RecentChangeDeserializer() {
        this(DEFAULT_MAX_EVENT_TIME_AHEAD);
    }

    /**
     * @param maxEventTimeAhead how far ahead of processing time an event's time may be
     */
    public RecentChangeDeserializer(Duration maxEventTimeAhead) {
        checkArgument(
                !maxEventTimeAhead.isNegative(),
                "the maximum event time ahead must not be negative, got %s",
                maxEventTimeAhead);
        this.maxAheadMillis = maxEventTimeAhead.toMillis();
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        futureEvents = context.getMetricGroup().counter(FUTURE_EVENTS_METRIC);
    }

    @Override
    public void deserialize(SseEvent event, String streamUrl, Collector<WikiInput> out) {
        RecentChange change;
        try {
            change = decoder.decode(event.dataUtf8());
        } catch (MalformedEventException e) {
            out.collect(deadLetter(e.getMessage(), event, streamUrl, System.currentTimeMillis()));
            return;
        }
        if (change.canary()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (change.getEventTimeMillis() - now > maxAheadMillis) {
            if (futureEvents != null) {
                futureEvents.inc();
            }
            out.collect(
                    deadLetter(
                            FUTURE_EVENT_REASON
                                    + ": "
                                    + Instant.ofEpochMilli(change.getEventTimeMillis())
                                    + " is more than "
                                    + Duration.ofMillis(maxAheadMillis)
                                    + " after "
                                    + Instant.ofEpochMilli(now),
                            event,
                            streamUrl,
                            now));
            return;
        }
        out.collect(WikiInput.of(change));
    }

    private static WikiInput deadLetter(
            String reason, SseEvent event, String streamUrl, long atEpochMillis) {
        return WikiInput.of(
                new DeadLetterRecord(
                        reason, event.data(), streamUrl, event.lastEventId(), atEpochMillis));
    }

    @Override
    public TypeInformation<WikiInput> getProducedType() {
        return TypeInformation.of(WikiInput.class);
    }
}
