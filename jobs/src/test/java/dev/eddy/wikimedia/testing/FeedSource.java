package dev.eddy.wikimedia.testing;

import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.wikimedia.model.RecentChangeDeserializer;
import dev.eddy.wikimedia.model.WikiInput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.Collector;

/**
 * A FLIP-27 source with exactly one split, fed by a {@link Feed}, decoding each piece of data as an
 * SSE event with the job's own {@link RecentChangeDeserializer}: the shape of the SSE source
 * reading one stream URL, without HTTP. Unbounded, so the job runs in streaming mode; it ends when
 * the feed ends.
 */
public final class FeedSource implements Source<WikiInput, FeedSource.Split, Boolean> {

    private static final long serialVersionUID = 1L;

    static final String STREAM_URL = "feed://test/v2/stream/recentchange";

    private final String feedId;
    private final boolean idleReadersStayOpen;

    FeedSource(String feedId, boolean idleReadersStayOpen) {
        this.feedId = feedId;
        this.idleReadersStayOpen = idleReadersStayOpen;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Split, Boolean> createEnumerator(SplitEnumeratorContext<Split> context) {
        return new Enumerator(context, idleReadersStayOpen, false);
    }

    @Override
    public SplitEnumerator<Split, Boolean> restoreEnumerator(
            SplitEnumeratorContext<Split> context, Boolean assigned) {
        return new Enumerator(context, idleReadersStayOpen, assigned);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new EmptySerializer<>(new Split());
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Boolean assigned) {
                return new byte[] {(byte) (assigned ? 1 : 0)};
            }

            @Override
            public Boolean deserialize(int version, byte[] serialized) {
                return serialized[0] == 1;
            }
        };
    }

    @Override
    public SourceReader<WikiInput, Split> createReader(SourceReaderContext context) {
        return new Reader(feedId);
    }

    /** The single split: the feed. */
    public static final class Split implements SourceSplit {
        @Override
        public String splitId() {
            return "feed";
        }
    }

    private static final class EmptySerializer<T> implements SimpleVersionedSerializer<T> {
        private final T value;

        EmptySerializer(T value) {
            this.value = value;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(T obj) {
            return new byte[0];
        }

        @Override
        public T deserialize(int version, byte[] serialized) {
            return value;
        }
    }

    private static final class Enumerator implements SplitEnumerator<Split, Boolean> {
        private final SplitEnumeratorContext<Split> context;
        private final boolean idleReadersStayOpen;
        private boolean assigned;

        Enumerator(
                SplitEnumeratorContext<Split> context,
                boolean idleReadersStayOpen,
                boolean assigned) {
            this.context = context;
            this.idleReadersStayOpen = idleReadersStayOpen;
            this.assigned = assigned;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {}

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
            assigned = false;
        }

        @Override
        public void addReader(int subtaskId) {
            if (!assigned) {
                context.assignSplit(new Split(), subtaskId);
                assigned = true;
                context.signalNoMoreSplits(subtaskId);
            } else if (!idleReadersStayOpen) {
                context.signalNoMoreSplits(subtaskId);
            }
        }

        @Override
        public Boolean snapshotState(long checkpointId) {
            return assigned;
        }

        @Override
        public void close() {}
    }

    private static final class Reader implements SourceReader<WikiInput, Split> {
        private final String feedId;
        private final RecentChangeDeserializer deserializer = new RecentChangeDeserializer();
        private final List<Split> splits = new ArrayList<>();
        private boolean noMoreSplits;
        private long sequence;

        Reader(String feedId) {
            this.feedId = feedId;
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<WikiInput> output) {
            if (splits.isEmpty()) {
                return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
            }
            Object next = Feed.poll(feedId);
            if (next == null) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            if (next == Feed.END) {
                return InputStatus.END_OF_INPUT;
            }
            SseEvent event = new SseEvent(Long.toString(++sequence), "message", (String) next);
            deserializer.deserialize(
                    event,
                    STREAM_URL,
                    new Collector<>() {
                        @Override
                        public void collect(WikiInput record) {
                            output.collect(record);
                        }

                        @Override
                        public void close() {}
                    });
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return List.copyOf(splits);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (!splits.isEmpty() && !Feed.isEmpty(feedId)) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.runAsync(
                    () -> {}, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
        }

        @Override
        public void addSplits(List<Split> newSplits) {
            splits.addAll(newSplits);
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits = true;
        }

        @Override
        public void close() {}
    }
}
