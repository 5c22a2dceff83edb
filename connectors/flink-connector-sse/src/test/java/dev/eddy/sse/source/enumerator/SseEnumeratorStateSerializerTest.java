package dev.eddy.sse.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sse.source.split.SseStreamSplit;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEnumeratorStateSerializerTest {

    private final SseEnumeratorStateSerializer serializer = new SseEnumeratorStateSerializer();

    @Test
    void roundTripsUnassignedSplits() throws IOException {
        SseEnumeratorState state =
                new SseEnumeratorState(
                        List.of(
                                new SseStreamSplit(
                                        "stream-0",
                                        "http://a/s",
                                        "",
                                        Instant.ofEpochSecond(1520439377),
                                        List.of()),
                                new SseStreamSplit(
                                        "stream-1",
                                        "http://b/s",
                                        "17",
                                        null,
                                        List.of("k1", "k2"))));

        SseEnumeratorState copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(copy).isEqualTo(state);
    }

    @Test
    void roundTripsAnEmptyState() throws IOException {
        SseEnumeratorState state = new SseEnumeratorState(List.of());

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state)))
                .isEqualTo(state);
    }
}
