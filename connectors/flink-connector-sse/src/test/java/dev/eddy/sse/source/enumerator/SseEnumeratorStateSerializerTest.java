package dev.eddy.sse.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sse.source.split.SseSplitDescriptor;
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
                                        List.of("k1", "k2"),
                                        "b")),
                        List.of(
                                new SseSplitDescriptor("stream-2", null, "http://c/s"),
                                new SseSplitDescriptor("stream-3", "d", "http://d/s")),
                        true);

        SseEnumeratorState copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(copy).isEqualTo(state);
    }

    @Test
    void roundTripsAnEmptyState() throws IOException {
        SseEnumeratorState state = new SseEnumeratorState(List.of(), List.of(), true);

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state)))
                .isEqualTo(state);
    }

    @Test
    void readsVersionOneBytesWrittenByTheFirstRelease() throws IOException {
        SseEnumeratorState state =
                new SseEnumeratorState(
                        List.of(
                                new SseStreamSplit(
                                        "stream-1", "http://h/s", "42", null, List.of("a"))),
                        List.of(),
                        false);
        byte[] versionOne = {
            0, 0, 0, 1, // split serializer version
            0, 0, 0, 1, // one unassigned split
            0, 0, 0, 49, // of 49 bytes:
            0, 0, 0, 8, 's', 't', 'r', 'e', 'a', 'm', '-', '1', 0, 0, 0, 10, 'h', 't', 't', 'p',
            ':', '/', '/', 'h', '/', 's', 0, 0, 0, 2, '4', '2', -1, -1, -1, -1, -1, -1, -1, -1, 0,
            0, 0, 1, 0, 0, 0, 1, 'a'
        };

        assertThat(serializer.deserialize(1, versionOne)).isEqualTo(state);
    }

    @Test
    void refusesAnUnknownVersionWithAClearMessage() {
        assertThatThrownBy(() -> serializer.deserialize(99, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void writesVersionTwoBytesThatLaterReleasesMustKeepReading() throws IOException {
        SseEnumeratorState state =
                new SseEnumeratorState(
                        List.of(),
                        List.of(new SseSplitDescriptor("stream-0", "rc", "http://h/s")),
                        true);
        byte[] versionTwo = {
            0, 0, 0, 2, // split serializer version
            0, 0, 0, 0, // no unassigned split
            0, 0, 0, 1, // one assigned split:
            0, 0, 0, 8, 's', 't', 'r', 'e', 'a', 'm', '-', '0', 0, 0, 0, 10, 'h', 't', 't', 'p',
            ':', '/', '/', 'h', '/', 's', 1, 0, 0, 0, 2, 'r', 'c'
        };

        assertThat(serializer.serialize(state)).isEqualTo(versionTwo);
        assertThat(serializer.deserialize(2, versionTwo)).isEqualTo(state);
    }
}
