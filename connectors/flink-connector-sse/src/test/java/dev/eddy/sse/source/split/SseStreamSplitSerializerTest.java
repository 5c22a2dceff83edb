package dev.eddy.sse.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseStreamSplitSerializerTest {

    private final SseStreamSplitSerializer serializer = new SseStreamSplitSerializer();

    @Test
    void roundTripsASplitWithAWikimediaIdAndRecentKeys() throws IOException {
        SseStreamSplit split =
                new SseStreamSplit(
                        "stream-0",
                        "https://stream.wikimedia.org/v2/stream/recentchange",
                        "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":0,\"timestamp\":1756449917002},"
                                + "{\"topic\":\"codfw.mediawiki.recentchange\",\"partition\":0,\"offset\":-1}]",
                        null,
                        List.of("dd8c5690-2222-11e8-a2ad-1418776134f3", "ünïcødé-key"));

        assertThat(roundTrip(split)).isEqualTo(split);
    }

    @Test
    void roundTripsAFreshSplitStartingSinceATime() throws IOException {
        SseStreamSplit split =
                new SseStreamSplit(
                        "stream-3",
                        "http://127.0.0.1:1/s",
                        "",
                        Instant.ofEpochMilli(1520439377000L),
                        List.of());

        assertThat(roundTrip(split)).isEqualTo(split);
    }

    @Test
    void roundTripsAnIdLongerThanSixtyFourKilobytes() throws IOException {
        String longId = "x".repeat(70_000);
        SseStreamSplit split =
                new SseStreamSplit("stream-0", "http://127.0.0.1:1/s", longId, null, List.of());

        assertThat(roundTrip(split).lastEventId()).isEqualTo(longId);
    }

    @Test
    void readsVersionOneBytesWrittenByThisRelease() throws IOException {
        SseStreamSplit split =
                new SseStreamSplit("stream-1", "http://h/s", "42", null, List.of("a"));
        byte[] versionOne = {
            0, 0, 0, 8, 's', 't', 'r', 'e', 'a', 'm', '-', '1', 0, 0, 0, 10, 'h', 't', 't', 'p',
            ':', '/', '/', 'h', '/', 's', 0, 0, 0, 2, '4', '2', -1, -1, -1, -1, -1, -1, -1, -1, 0,
            0, 0, 1, 0, 0, 0, 1, 'a'
        };

        assertThat(serializer.deserialize(1, versionOne)).isEqualTo(split);
    }

    @Test
    void writesVersionTwoBytesWithTheStreamName() throws IOException {
        SseStreamSplit named =
                new SseStreamSplit("stream-1", "http://h/s", "42", null, List.of("a"), "rc");
        SseStreamSplit unnamed =
                new SseStreamSplit("stream-1", "http://h/s", "42", null, List.of("a"));
        byte[] versionOneFields = {
            0, 0, 0, 8, 's', 't', 'r', 'e', 'a', 'm', '-', '1', 0, 0, 0, 10, 'h', 't', 't', 'p',
            ':', '/', '/', 'h', '/', 's', 0, 0, 0, 2, '4', '2', -1, -1, -1, -1, -1, -1, -1, -1, 0,
            0, 0, 1, 0, 0, 0, 1, 'a'
        };
        byte[] namedTwo = concat(versionOneFields, new byte[] {1, 0, 0, 0, 2, 'r', 'c'});
        byte[] unnamedTwo = concat(versionOneFields, new byte[] {0});

        assertThat(serializer.getVersion()).isEqualTo(2);
        assertThat(serializer.serialize(named)).isEqualTo(namedTwo);
        assertThat(serializer.serialize(unnamed)).isEqualTo(unnamedTwo);
        assertThat(serializer.deserialize(2, namedTwo)).isEqualTo(named);
        assertThat(serializer.deserialize(2, unnamedTwo)).isEqualTo(unnamed);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void refusesAnUnknownVersionWithAClearMessage() {
        assertThatThrownBy(() -> serializer.deserialize(99, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void toStringShowsTheUrlWithCredentialsMasked() {
        SseStreamSplit split =
                new SseStreamSplit(
                        "stream-0", "https://h/s?access_token=s3cret", "1", null, List.of());

        assertThat(split.toString()).contains("https://h/s").doesNotContain("s3cret");
    }

    private SseStreamSplit roundTrip(SseStreamSplit split) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }
}
