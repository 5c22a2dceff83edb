package dev.eddy.sse.source.split;

import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * A reader tells the enumerator, once it has started, which streams the splits restored from its
 * checkpoint read: an enumerator restored from a version-1 state needs it to know which configured
 * streams still lack a split.
 */
@Internal
public record SseRestoredSplitsEvent(List<SseSplitDescriptor> splits) implements SourceEvent {

    private static final long serialVersionUID = 1L;

    public SseRestoredSplitsEvent {
        splits = List.copyOf(splits);
    }
}
