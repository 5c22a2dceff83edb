package dev.eddy.sse.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sse.source.reader.deserializer.SseRecord;
import dev.eddy.sse.source.reader.deserializer.SseRecordDeserializer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseSourceBuilderTest {

    @Test
    void usingTheBuilderAgainDoesNotChangeASourceItBuilt() {
        SseSourceBuilder<SseRecord> builder =
                SseSource.<SseRecord>builder()
                        .setStreamUrls("http://a/s")
                        .setHeader("Authorization", "Bearer one")
                        .setIdleTimeout(Duration.ofSeconds(5))
                        .setDeserializer(new SseRecordDeserializer());
        SseSource<SseRecord> first = builder.build();

        builder.setStreamUrls("http://b/s", "http://c/s")
                .setHeader("Authorization", "Bearer two")
                .setIdleTimeout(Duration.ofSeconds(9))
                .setBackoff(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .setMaxEventBytes(10);
        SseSource<SseRecord> second = builder.build();

        assertThat(first.streamUrls()).containsExactly("http://a/s");
        assertThat(first.clientConfig().headers()).containsEntry("Authorization", "Bearer one");
        assertThat(first.clientConfig().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(first.clientConfig().maxBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(second.streamUrls()).containsExactly("http://b/s", "http://c/s");
        assertThat(second.clientConfig().headers()).containsEntry("Authorization", "Bearer two");
        assertThat(second.clientConfig().maxEventBytes()).isEqualTo(10);
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> SseSource.<SseRecord>builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setStreamUrls");
        assertThatThrownBy(() -> SseSource.<SseRecord>builder().setStreamUrls("http://a/s").build())
                .hasMessageContaining("setDeserializer");
    }

    @Test
    void refusesTheSameStreamTwice() {
        assertThatThrownBy(
                        () ->
                                SseSource.<SseRecord>builder()
                                        .setStreamUrls(
                                                "http://a/s?token=s3cret",
                                                "http://a/s?token=s3cret")
                                        .setDeserializer(new SseRecordDeserializer())
                                        .build())
                .hasMessageContaining("twice")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesAUrlThatIsNoHttpUrlWithoutShowingItsSecrets() {
        assertThatThrownBy(() -> SseSource.<SseRecord>builder().setStreamUrls("ftp://u:pw@h/s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
    }
}
