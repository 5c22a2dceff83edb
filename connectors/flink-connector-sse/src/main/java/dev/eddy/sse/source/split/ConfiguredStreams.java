package dev.eddy.sse.source.split;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The streams a job names now, and how a split from a checkpoint is matched to one of them: a named
 * split by its name (its URL may have changed), an unnamed split by its URL. Never by position: a
 * split that matches no configured stream is retired.
 */
@Internal
public final class ConfiguredStreams implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<SseStreamSpec> streams;

    public ConfiguredStreams(List<SseStreamSpec> streams) {
        this.streams = List.copyOf(streams);
    }

    public List<SseStreamSpec> streams() {
        return streams;
    }

    /** The configured stream a split of this name (null: unnamed) and URL reads; empty if none. */
    public Optional<SseStreamSpec> matching(@Nullable String splitName, String splitUrl) {
        return streams.stream().filter(spec -> spec.isReadBy(splitName, splitUrl)).findFirst();
    }

    /**
     * The split as the job now configures it (the URL a named stream now has; the name an unnamed
     * stream was given); empty if the job no longer names its stream.
     */
    public Optional<SseStreamSplit> reconcile(SseStreamSplit split) {
        return matching(split.streamName(), split.streamUrl())
                .map(
                        spec ->
                                spec.url().equals(split.streamUrl())
                                                && Objects.equals(spec.name(), split.streamName())
                                        ? split
                                        : split.readingStream(spec.name(), spec.url()));
    }
}
