package dev.eddy.wikimedia.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class WikiInputSerializerTest {

    private final TypeSerializer<WikiInput> serializer =
            TypeInformation.of(WikiInput.class).createSerializer(new SerializerConfigImpl());

    @Test
    void roundTripsAChangeWithAllItsFields() throws Exception {
        WikiInput input =
                WikiInput.of(
                        new RecentChangeDecoder()
                                .decode(
                                        RecentChangeDecoderTest.resource(
                                                "events/old-schema-edit.json")));

        assertThat(roundTrip(input)).isEqualTo(input);
    }

    @Test
    void roundTripsADeadLetter() throws IOException {
        WikiInput input =
                WikiInput.of(
                        new DeadLetterRecord("invalid JSON: x", "{", "http://s", "[1]", 1234L));

        assertThat(roundTrip(input)).isEqualTo(input);
    }

    @Test
    void copiesAreTheValueItself() {
        WikiInput input = WikiInput.of(new DeadLetterRecord("r", "raw", "u", "id", 1L));

        assertThat(serializer).isInstanceOf(WikiInput.Serializer.class);
        assertThat(serializer.copy(input)).isSameAs(input);
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isEqualTo(serializer);
    }

    private WikiInput roundTrip(WikiInput input) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(input, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
