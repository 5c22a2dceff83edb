package dev.eddy.sse.source.reader;

import dev.eddy.sse.client.StreamUrls;
import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.source.SseDeadLetter;
import dev.eddy.sse.source.reader.deserializer.SseEventDeserializer;
import dev.eddy.sse.source.split.SseStreamSplitState;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.LoggerFactory;

/**
 * Deserializes each fetched event, drops repeats of recently seen keys, turns rejected events into
 * dead letters, and advances the split's Last-Event-ID past every event it handled: the position a
 * checkpoint stores is always right after the last record emitted.
 */
@Internal
public final class SseRecordEmitter<T>
        implements RecordEmitter<FetchedEvent, T, SseStreamSplitState> {

    private static final int DEAD_LETTER_RAW_LIMIT = 64 * 1024;

    private final SseEventDeserializer<T> deserializer;
    private final @Nullable SerializableFunction<SseDeadLetter, T> deadLetterMapper;
    private final @Nullable SerializableFunction<T, String> keyExtractor;
    private final OncePerKindLogger problems =
            new OncePerKindLogger(LoggerFactory.getLogger(SseRecordEmitter.class));
    private final DedupingCollector collector = new DedupingCollector();
    private @Nullable SseStreamSplitState emitting;

    public SseRecordEmitter(
            SseEventDeserializer<T> deserializer,
            @Nullable SerializableFunction<SseDeadLetter, T> deadLetterMapper,
            @Nullable SerializableFunction<T, String> keyExtractor) {
        this.deserializer = deserializer;
        this.deadLetterMapper = deadLetterMapper;
        this.keyExtractor = keyExtractor;
    }

    @Override
    public void emitRecord(FetchedEvent fetched, SourceOutput<T> output, SseStreamSplitState split)
            throws Exception {
        SseEvent event = fetched.event();
        if (split != emitting) {
            emitting = split;
            EmittingSplit.set(split.metrics());
        }
        split.metrics().eventReceived(fetched.bytesRead());
        if (event == null) {
            String reason =
                    "oversized: event of at least "
                            + fetched.oversizedBytes()
                            + " bytes exceeds the limit";
            problems.warn(
                    "oversized",
                    "Dropped an oversized event from {} after Last-Event-ID {}",
                    StreamUrls.redact(split.streamUrl()),
                    split.lastEventId());
            deadLetter(reason, fetched.oversizedPrefix(), fetched.lastEventId(), output, split);
        } else {
            collector.start(output, split);
            try {
                deserializer.deserialize(event, split.streamUrl(), collector);
            } catch (DownstreamFailure failure) {
                // Not the event's fault: the operators after the source failed on its record.
                throw (Exception) failure.getCause();
            } catch (Exception e) {
                split.metrics().parseError();
                String kind = e.getClass().getSimpleName();
                problems.warn(
                        kind,
                        "Could not deserialize the event with id {} from {}: {}",
                        event.lastEventId(),
                        StreamUrls.redact(split.streamUrl()),
                        e.toString());
                deadLetter(
                        kind + ": " + e.getMessage(),
                        truncate(event.data()),
                        event.lastEventId(),
                        output,
                        split);
            }
        }
        split.advanceTo(fetched.lastEventId());
    }

    private void deadLetter(
            String reason,
            String raw,
            String eventId,
            SourceOutput<T> output,
            SseStreamSplitState split) {
        split.metrics().deadLetter();
        if (deadLetterMapper != null) {
            output.collect(
                    deadLetterMapper.apply(
                            new SseDeadLetter(
                                    reason,
                                    raw,
                                    StreamUrls.redact(split.streamUrl()),
                                    eventId,
                                    System.currentTimeMillis())));
        }
    }

    private static String truncate(String raw) {
        return raw.length() <= DEAD_LETTER_RAW_LIMIT
                ? raw
                : raw.substring(0, DEAD_LETTER_RAW_LIMIT);
    }

    /** Passes records on unless their key was seen among the split's recent keys. */
    private final class DedupingCollector implements Collector<T> {
        private SourceOutput<T> output;
        private SseStreamSplitState split;

        void start(SourceOutput<T> output, SseStreamSplitState split) {
            this.output = output;
            this.split = split;
        }

        @Override
        public void collect(T record) {
            if (keyExtractor != null) {
                String key = keyExtractor.apply(record);
                if (key != null && !split.recentKeys().add(key)) {
                    split.metrics().duplicateDropped();
                    return;
                }
            }
            try {
                output.collect(record);
            } catch (Exception e) {
                throw new DownstreamFailure(e);
            }
        }

        @Override
        public void close() {}
    }

    /** Carries a failure of the operators after the source through the deserializer. */
    private static final class DownstreamFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DownstreamFailure(Exception cause) {
            super(cause);
        }
    }
}
