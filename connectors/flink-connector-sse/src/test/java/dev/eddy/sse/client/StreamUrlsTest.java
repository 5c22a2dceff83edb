package dev.eddy.sse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamUrlsTest {

    @Test
    void masksCredentialLikeQueryParameters() {
        assertThat(StreamUrls.redact("https://h/s?access_token=s3cret&wiki=enwiki"))
                .doesNotContain("s3cret")
                .contains("wiki=enwiki");
    }

    @Test
    void masksUserInfo() {
        assertThat(StreamUrls.redact("https://alice:pw@h/s"))
                .doesNotContain("alice")
                .doesNotContain("pw@");
    }

    @Test
    void leavesAPlainUrlAlone() {
        assertThat(StreamUrls.redact("https://stream.wikimedia.org/v2/stream/recentchange"))
                .isEqualTo("https://stream.wikimedia.org/v2/stream/recentchange");
    }

    @Test
    void rejectsANonHttpUrlWithoutShowingItsSecrets() {
        assertThatThrownBy(() -> StreamUrls.parse("ftp://u:secret@h/s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an http(s) URL")
                .hasMessageNotContaining("secret");
    }
}
