package dev.eddy.sse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseClientConfigTest {

    @Test
    void sendsADescriptiveUserAgentByDefault() {
        assertThat(SseClientConfig.builder().build().headers())
                .containsEntry("User-Agent", SseClientConfig.DEFAULT_USER_AGENT);
    }

    @Test
    void replacesAHeaderCaseInsensitively() {
        SseClientConfig config =
                SseClientConfig.builder().setHeader("user-agent", "mine/1.0").build();

        assertThat(config.headers())
                .containsOnlyKeys("user-agent")
                .containsEntry("user-agent", "mine/1.0");
    }

    @Test
    void neverShowsSecretHeaderValues() {
        SseClientConfig config =
                SseClientConfig.builder().setHeader("Authorization", "Bearer s3cret").build();

        assertThat(config.toString()).contains("Authorization=<redacted>").doesNotContain("s3cret");
    }

    @Test
    void rejectsAMaxBackoffBelowTheInitialOne() {
        assertThatThrownBy(
                        () ->
                                SseClientConfig.builder()
                                        .setBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("below initial backoff");
    }
}
