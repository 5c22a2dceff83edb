package dev.eddy.sse.source.split;

import static org.apache.flink.util.Preconditions.checkNotNull;

import java.io.Serializable;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Which stream a split reads, without its position: what the enumerator remembers of the splits it
 * handed out, so that on a restore it can tell which configured streams still need a split.
 */
@Internal
public record SseSplitDescriptor(String splitId, @Nullable String streamName, String streamUrl)
        implements Serializable {

    public SseSplitDescriptor {
        checkNotNull(splitId, "splitId");
        checkNotNull(streamUrl, "streamUrl");
    }

    public static SseSplitDescriptor of(SseStreamSplit split) {
        return new SseSplitDescriptor(split.splitId(), split.streamName(), split.streamUrl());
    }
}
