package dev.eddy.sse.source;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;
import static org.apache.flink.util.Preconditions.checkState;

import dev.eddy.sse.client.SseClientConfig;
import dev.eddy.sse.source.reader.deserializer.SseEventDeserializer;
import dev.eddy.sse.source.split.SseStreamSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Builds an {@link SseSource}. Required: at least one stream URL and a deserializer. Defaults: a
 * descriptive User-Agent (Wikimedia's policy asks for one), start at the latest event, 10 s connect
 * and 60 s idle timeouts, 1 s to 60 s reconnect backoff, 1 MiB maximum event size, no
 * de-duplication, rejected events counted and dropped.
 */
@PublicEvolving
public final class SseSourceBuilder<T> {

    private final List<SseStreamSpec> streams = new ArrayList<>();
    private final SseClientConfig.Builder client = SseClientConfig.builder();
    private SseStartPosition startPosition = SseStartPosition.latest();
    private @Nullable SseEventDeserializer<T> deserializer;
    private @Nullable SerializableFunction<SseDeadLetter, T> deadLetterMapper;
    private @Nullable SerializableFunction<T, String> keyExtractor;
    private int dedupHorizon;

    SseSourceBuilder() {}

    /**
     * The streams to read, one split each: {@code URL}, or {@code name=URL} to name a stream. A
     * restored split finds its stream by name, or by URL if unnamed: name a stream whose URL may
     * change between runs (a replay server on a new port) to keep its position.
     */
    public SseSourceBuilder<T> setStreamUrls(String... urls) {
        streams.clear();
        for (String url : urls) {
            streams.add(SseStreamSpec.parse(checkNotNull(url, "stream URL")));
        }
        return this;
    }

    /**
     * A request header, e.g. a User-Agent of your own or {@code Authorization}; values are never
     * logged.
     */
    public SseSourceBuilder<T> setHeader(String name, String value) {
        client.setHeader(name, value);
        return this;
    }

    public SseSourceBuilder<T> setStartPosition(SseStartPosition startPosition) {
        this.startPosition = checkNotNull(startPosition, "start position");
        return this;
    }

    public SseSourceBuilder<T> setDeserializer(SseEventDeserializer<T> deserializer) {
        this.deserializer = checkNotNull(deserializer, "deserializer");
        return this;
    }

    /**
     * Turns rejected events (oversized, or refused by the deserializer) into records, so a job can
     * route them to a dead-letter output. Without it they are counted and dropped.
     */
    public SseSourceBuilder<T> setDeadLetterMapper(
            SerializableFunction<SseDeadLetter, T> deadLetterMapper) {
        this.deadLetterMapper = checkNotNull(deadLetterMapper, "dead-letter mapper");
        return this;
    }

    /**
     * Drops a record whose key (null: never dropped) is among the last {@code horizon} keys of its
     * stream. The keys are checkpointed, so repeats after a resume are dropped too.
     */
    public SseSourceBuilder<T> setEventKeyExtractor(
            SerializableFunction<T, String> keyExtractor, int horizon) {
        checkArgument(horizon > 0, "de-duplication horizon must be positive, got %s", horizon);
        this.keyExtractor = checkNotNull(keyExtractor, "key extractor");
        this.dedupHorizon = horizon;
        return this;
    }

    public SseSourceBuilder<T> setConnectTimeout(Duration timeout) {
        client.setConnectTimeout(timeout);
        return this;
    }

    /**
     * A stream silent for this long is considered stalled and reconnected (Wikimedia sends no
     * heartbeats).
     */
    public SseSourceBuilder<T> setIdleTimeout(Duration timeout) {
        client.setIdleTimeout(timeout);
        return this;
    }

    public SseSourceBuilder<T> setBackoff(Duration initial, Duration max) {
        client.setBackoff(initial, max);
        return this;
    }

    public SseSourceBuilder<T> setMaxEventBytes(int maxEventBytes) {
        client.setMaxEventBytes(maxEventBytes);
        return this;
    }

    /**
     * The longest Last-Event-ID sent on a resume, in UTF-8 bytes (default 4 KiB); a longer one is
     * dropped with a warning and counted, so a huge id can never crash-loop the job.
     */
    public SseSourceBuilder<T> setMaxLastEventIdBytes(int maxBytes) {
        client.setMaxLastEventIdBytes(maxBytes);
        return this;
    }

    /**
     * Caps reconnect delays the server sets ({@code retry:}, {@code Retry-After}); default 5
     * minutes.
     */
    public SseSourceBuilder<T> setMaxServerDelay(Duration maxServerDelay) {
        client.setMaxServerDelay(maxServerDelay);
        return this;
    }

    public SseSource<T> build() {
        checkState(!streams.isEmpty(), "No stream URL set: call setStreamUrls(...)");
        checkState(deserializer != null, "No deserializer set: call setDeserializer(...)");
        checkState(
                streams.stream().map(SseStreamSpec::url).distinct().count() == streams.size(),
                "The same stream URL is given twice: %s",
                streams);
        List<String> names =
                streams.stream().map(SseStreamSpec::name).filter(Objects::nonNull).toList();
        checkState(
                names.stream().distinct().count() == names.size(),
                "The same stream name is given twice: %s",
                names);
        return new SseSource<>(
                streams,
                client.build(),
                startPosition,
                deserializer,
                deadLetterMapper,
                keyExtractor,
                dedupHorizon);
    }
}
