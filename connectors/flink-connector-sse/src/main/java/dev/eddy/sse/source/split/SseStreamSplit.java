package dev.eddy.sse.source.split;

import static org.apache.flink.util.Preconditions.checkNotNull;

import dev.eddy.sse.client.StreamUrls;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One stream (its URL, and its name if the job named it) and how far it has been read: the
 * Last-Event-ID to resume after, the {@code since} time to start from while no event has been read
 * yet, and the keys of the most recent events (for de-duplication across a resume). This is what a
 * checkpoint stores.
 */
@Internal
public final class SseStreamSplit implements SourceSplit {

    private final String splitId;
    private final String streamUrl;
    private final String lastEventId;
    private final @Nullable Instant since;
    private final List<String> recentKeys;
    private final @Nullable String streamName;

    /** A split of an unnamed stream. */
    public SseStreamSplit(
            String splitId,
            String streamUrl,
            String lastEventId,
            @Nullable Instant since,
            List<String> recentKeys) {
        this(splitId, streamUrl, lastEventId, since, recentKeys, null);
    }

    public SseStreamSplit(
            String splitId,
            String streamUrl,
            String lastEventId,
            @Nullable Instant since,
            List<String> recentKeys,
            @Nullable String streamName) {
        this.streamName = streamName;
        this.splitId = checkNotNull(splitId, "splitId");
        this.streamUrl = checkNotNull(streamUrl, "streamUrl");
        this.lastEventId = checkNotNull(lastEventId, "lastEventId");
        this.since = since;
        this.recentKeys = List.copyOf(recentKeys);
    }

    /** The id of the split of the stream at this position of the source's URL list. */
    public static String idOf(int index) {
        return "stream-" + index;
    }

    /** The number in a split id, which picks the reader that owns the split. */
    public static int indexOf(String splitId) {
        return Integer.parseInt(splitId.substring(splitId.lastIndexOf('-') + 1));
    }

    @Override
    public String splitId() {
        return splitId;
    }

    public String streamUrl() {
        return streamUrl;
    }

    /** The name the job gave the stream ({@code name=URL}); null for an unnamed stream. */
    public @Nullable String streamName() {
        return streamName;
    }

    /** The same position, on the stream as the job now names it. */
    public SseStreamSplit readingStream(@Nullable String name, String url) {
        return new SseStreamSplit(splitId, url, lastEventId, since, recentKeys, name);
    }

    /** "" until the stream has sent an id. */
    public String lastEventId() {
        return lastEventId;
    }

    public @Nullable Instant since() {
        return since;
    }

    /** Keys of the latest events, oldest first. */
    public List<String> recentKeys() {
        return recentKeys;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SseStreamSplit)) {
            return false;
        }
        SseStreamSplit that = (SseStreamSplit) o;
        return splitId.equals(that.splitId)
                && streamUrl.equals(that.streamUrl)
                && lastEventId.equals(that.lastEventId)
                && Objects.equals(since, that.since)
                && recentKeys.equals(that.recentKeys)
                && Objects.equals(streamName, that.streamName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(splitId, streamUrl, lastEventId, since, recentKeys, streamName);
    }

    @Override
    public String toString() {
        return "SseStreamSplit{"
                + splitId
                + (streamName == null ? "" : ", name=" + streamName)
                + ", url="
                + StreamUrls.redact(streamUrl)
                + ", lastEventId='"
                + lastEventId
                + "', since="
                + since
                + ", recentKeys="
                + recentKeys.size()
                + '}';
    }
}
