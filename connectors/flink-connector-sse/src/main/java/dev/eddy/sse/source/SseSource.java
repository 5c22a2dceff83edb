package dev.eddy.sse.source;

import dev.eddy.sse.client.SseClientConfig;
import dev.eddy.sse.client.SseStallWatchdog;
import dev.eddy.sse.source.enumerator.SseEnumeratorState;
import dev.eddy.sse.source.enumerator.SseEnumeratorStateSerializer;
import dev.eddy.sse.source.enumerator.SseSplitEnumerator;
import dev.eddy.sse.source.metrics.SseReaderMetrics;
import dev.eddy.sse.source.reader.SseRecordEmitter;
import dev.eddy.sse.source.reader.SseSourceReader;
import dev.eddy.sse.source.reader.deserializer.SseEventDeserializer;
import dev.eddy.sse.source.reader.fetcher.SseFetcherManager;
import dev.eddy.sse.source.reader.fetcher.SseSplitReader;
import dev.eddy.sse.source.split.ConfiguredStreams;
import dev.eddy.sse.source.split.SseStreamSpec;
import dev.eddy.sse.source.split.SseStreamSplit;
import dev.eddy.sse.source.split.SseStreamSplitSerializer;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A Flink source reading Server-Sent-Events streams, one split per stream. Each split keeps the
 * Last-Event-ID of the last event emitted in checkpoint state; after a restore, and on every
 * reconnect, the stream is resumed from there with the {@code Last-Event-ID} header. A restored
 * split is matched to the configured streams by name ({@code name=URL}: the URL may change) or, for
 * an unnamed stream, by URL; never by position. Build it with {@link #builder()}:
 *
 * <pre>{@code
 * SseSource<MyEvent> source = SseSource.<MyEvent>builder()
 *     .setStreamUrls("https://stream.wikimedia.org/v2/stream/recentchange")
 *     .setDeserializer(new MyEventDeserializer())
 *     .build();
 * env.fromSource(source, watermarkStrategy, "recentchange");
 * }</pre>
 */
@PublicEvolving
public final class SseSource<T>
        implements Source<T, SseStreamSplit, SseEnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final ConfiguredStreams streams;
    private final SseClientConfig clientConfig;
    private final SseStartPosition startPosition;
    private final SseEventDeserializer<T> deserializer;
    private final @Nullable SerializableFunction<SseDeadLetter, T> deadLetterMapper;
    private final @Nullable SerializableFunction<T, String> keyExtractor;
    private final int dedupHorizon;

    SseSource(
            List<SseStreamSpec> streams,
            SseClientConfig clientConfig,
            SseStartPosition startPosition,
            SseEventDeserializer<T> deserializer,
            @Nullable SerializableFunction<SseDeadLetter, T> deadLetterMapper,
            @Nullable SerializableFunction<T, String> keyExtractor,
            int dedupHorizon) {
        this.streams = new ConfiguredStreams(streams);
        this.clientConfig = clientConfig;
        this.startPosition = startPosition;
        this.deserializer = deserializer;
        this.deadLetterMapper = deadLetterMapper;
        this.keyExtractor = keyExtractor;
        this.dedupHorizon = dedupHorizon;
    }

    public static <T> SseSourceBuilder<T> builder() {
        return new SseSourceBuilder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, SseStreamSplit> createReader(SourceReaderContext readerContext)
            throws Exception {
        deserializer.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return readerContext.metricGroup().addGroup("deserializer");
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return readerContext.getUserCodeClassLoader();
                    }
                });
        SseReaderMetrics metrics = new SseReaderMetrics(readerContext.metricGroup());
        SseStallWatchdog watchdog = new SseStallWatchdog();
        SseFetcherManager fetchers =
                new SseFetcherManager(
                        () -> new SseSplitReader(clientConfig, metrics, watchdog),
                        readerContext.getConfiguration());
        SseRecordEmitter<T> emitter =
                new SseRecordEmitter<>(deserializer, deadLetterMapper, keyExtractor);
        return new SseSourceReader<>(
                fetchers, emitter, metrics, watchdog, dedupHorizon, streams, readerContext);
    }

    @Override
    public SplitEnumerator<SseStreamSplit, SseEnumeratorState> createEnumerator(
            SplitEnumeratorContext<SseStreamSplit> enumContext) {
        return new SseSplitEnumerator(enumContext, streams, startPosition);
    }

    @Override
    public SplitEnumerator<SseStreamSplit, SseEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<SseStreamSplit> enumContext, SseEnumeratorState checkpoint) {
        return new SseSplitEnumerator(enumContext, streams, startPosition, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<SseStreamSplit> getSplitSerializer() {
        return new SseStreamSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<SseEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new SseEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }

    /** The URLs of the configured streams, in order. */
    public List<String> streamUrls() {
        return streams.streams().stream().map(SseStreamSpec::url).toList();
    }

    /** The configured streams, with the names given to them ({@code name=URL}). */
    public List<SseStreamSpec> streams() {
        return streams.streams();
    }

    public SseClientConfig clientConfig() {
        return clientConfig;
    }
}
