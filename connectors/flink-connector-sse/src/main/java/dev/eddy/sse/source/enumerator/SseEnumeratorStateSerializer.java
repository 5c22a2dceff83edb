package dev.eddy.sse.source.enumerator;

import dev.eddy.sse.source.split.SseSplitDescriptor;
import dev.eddy.sse.source.split.SseStreamSplit;
import dev.eddy.sse.source.split.SseStreamSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Versioned serializer for {@link SseEnumeratorState}. Version 1: the split serializer's version,
 * then the count of unassigned splits, each as a length-prefixed serialized split. Version 2 adds
 * the splits handed to readers: their count, then id, URL and name (presence flag, name) of each.
 */
@Internal
public final class SseEnumeratorStateSerializer
        implements SimpleVersionedSerializer<SseEnumeratorState> {

    public static final int CURRENT_VERSION = 2;

    private final SseStreamSplitSerializer splitSerializer = new SseStreamSplitSerializer();

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(SseEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(splitSerializer.getVersion());
        out.writeInt(state.unassignedSplits().size());
        for (SseStreamSplit split : state.unassignedSplits()) {
            byte[] bytes = splitSerializer.serialize(split);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        out.writeInt(state.assignedSplits().size());
        for (SseSplitDescriptor assigned : state.assignedSplits()) {
            SseStreamSplitSerializer.writeString(out, assigned.splitId());
            SseStreamSplitSerializer.writeString(out, assigned.streamUrl());
            SseStreamSplitSerializer.writeNullableString(out, assigned.streamName());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public SseEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException(
                    "Unknown SSE enumerator state version "
                            + version
                            + " (this build reads versions 1 and 2); was the state written by a newer Eddy?");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int splitVersion = in.readInt();
        int count = in.readInt();
        List<SseStreamSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            splits.add(splitSerializer.deserialize(splitVersion, bytes));
        }
        if (version == 1) {
            return new SseEnumeratorState(splits, List.of(), false);
        }
        int assignedCount = in.readInt();
        List<SseSplitDescriptor> assigned = new ArrayList<>(assignedCount);
        for (int i = 0; i < assignedCount; i++) {
            String splitId = SseStreamSplitSerializer.readString(in);
            String url = SseStreamSplitSerializer.readString(in);
            assigned.add(
                    new SseSplitDescriptor(
                            splitId, SseStreamSplitSerializer.readNullableString(in), url));
        }
        return new SseEnumeratorState(splits, assigned, true);
    }
}
