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
 * One stream URL and how far it has been read: the Last-Event-ID to resume after, the {@code since}
 * time to start from while no event has been read yet, and the keys of the most recent events (for
 * de-duplication across a resume). This is what a checkpoint stores.
 */
@Internal
public final class SseStreamSplit implements SourceSplit {

    private final String splitId;
    private final String streamUrl;
    private final String lastEventId;
    private final @Nullable Instant since;
    private final List<String> recentKeys;

    public SseStreamSplit(
            String splitId,
            String streamUrl,
            String lastEventId,
            @Nullable Instant since,
            List<String> recentKeys) {
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

    /** The position in the source's URL list that a split id stands for. */
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
                && recentKeys.equals(that.recentKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(splitId, streamUrl, lastEventId, since, recentKeys);
    }

    @Override
    public String toString() {
        return "SseStreamSplit{"
                + splitId
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
