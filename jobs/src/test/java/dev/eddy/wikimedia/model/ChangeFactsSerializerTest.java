package dev.eddy.wikimedia.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ChangeFactsSerializerTest {

    private final TypeSerializer<ChangeFacts> serializer =
            TypeInformation.of(ChangeFacts.class).createSerializer(new SerializerConfigImpl());

    @Test
    void flinkUsesTheOwnSerializer() {
        assertThat(serializer).isInstanceOf(ChangeFacts.Serializer.class);
        assertThat(serializer.isImmutableType()).isTrue();
    }

    @Test
    void roundTripsEveryKindOfChange() throws IOException {
        List<ChangeFacts> changes =
                List.of(
                        new ChangeFacts("enwiki", "edit", "Main Page", "Alice", false, 120),
                        new ChangeFacts("dewiki", "new", "Straße", "Bot-Über", true, 4_000),
                        new ChangeFacts("wikidatawiki", "log", "Q1", "X", false, 0),
                        new ChangeFacts("commonswiki", "categorize", "Category:A", "Y", true, -9),
                        new ChangeFacts("frwiki", "external", "", "", false, Long.MIN_VALUE),
                        new ChangeFacts("zhwiki", "future-type", "页面", "用户", true, Long.MAX_VALUE),
                        new ChangeFacts("enwiki", "edit", "T".repeat(70_000), "U", false, 1));
        for (ChangeFacts change : changes) {
            assertThat(roundTrip(change)).isEqualTo(change);
        }
    }

    @Test
    void aChangeSerializedTwiceWritesTheSameBytes() throws IOException {
        ChangeFacts change = new ChangeFacts("enwiki", "edit", "Main Page", "Alice", false, 120);

        assertThat(bytes(change)).isEqualTo(bytes(change));
        assertThat(bytes(roundTrip(change))).isEqualTo(bytes(change));
    }

    @Test
    void copiesAreTheValueItselfAndSerializedCopiesReadBack() throws IOException {
        ChangeFacts change = new ChangeFacts("enwiki", "new", "P", "U", true, 5);
        assertThat(serializer.copy(change)).isSameAs(change);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(bytes(change)), copied);
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())))
                .isEqualTo(change);
    }

    @Test
    void theSnapshotRestoresTheSerializer() {
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isEqualTo(serializer);
    }

    private ChangeFacts roundTrip(ChangeFacts change) throws IOException {
        return serializer.deserialize(new DataInputDeserializer(bytes(change)));
    }

    private byte[] bytes(ChangeFacts change) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(change, out);
        return out.getCopyOfBuffer();
    }
}
