package dev.eddy.sse.source.split;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned serializer for {@link SseStreamSplit}. Version 1: split id, URL, Last-Event-ID, {@code
 * since} (epoch millis or -1), recent keys. Version 2 adds the stream name (a presence flag, then
 * the name). Strings are length-prefixed UTF-8, so ids of any length fit.
 */
@Internal
public final class SseStreamSplitSerializer implements SimpleVersionedSerializer<SseStreamSplit> {

    public static final int CURRENT_VERSION = 2;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(SseStreamSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128 + split.recentKeys().size() * 40);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public SseStreamSplit deserialize(int version, byte[] serialized) throws IOException {
        return read(version, new DataInputDeserializer(serialized));
    }

    /** Writes the split in the current version (also used inside the enumerator state). */
    static void write(SseStreamSplit split, DataOutputView out) throws IOException {
        writeString(out, split.splitId());
        writeString(out, split.streamUrl());
        writeString(out, split.lastEventId());
        out.writeLong(split.since() == null ? -1 : split.since().toEpochMilli());
        out.writeInt(split.recentKeys().size());
        for (String key : split.recentKeys()) {
            writeString(out, key);
        }
        writeNullableString(out, split.streamName());
    }

    static SseStreamSplit read(int version, DataInputView in) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException(
                    "Unknown SSE split serializer version "
                            + version
                            + " (this build reads versions 1 and 2); was the state written by a newer Eddy?");
        }
        String splitId = readString(in);
        String url = readString(in);
        String lastEventId = readString(in);
        long sinceMillis = in.readLong();
        int keyCount = in.readInt();
        List<String> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            keys.add(readString(in));
        }
        String name = version >= 2 ? readNullableString(in) : null;
        return new SseStreamSplit(
                splitId,
                url,
                lastEventId,
                sinceMillis < 0 ? null : Instant.ofEpochMilli(sinceMillis),
                keys,
                name);
    }

    public static void writeNullableString(DataOutputView out, @Nullable String value)
            throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    public static @Nullable String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    public static void writeString(DataOutputView out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
