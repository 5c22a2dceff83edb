package dev.eddy.sse.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SseStreamSpecTest {

    @Test
    void aPlainUrlIsAnUnnamedStreamEvenWithEqualsSignsInItsQuery() {
        SseStreamSpec spec = SseStreamSpec.parse("https://h/s?wiki=enwiki&x=1");

        assertThat(spec.name()).isNull();
        assertThat(spec.url()).isEqualTo("https://h/s?wiki=enwiki&x=1");
    }

    @Test
    void nameEqualsUrlNamesTheStream() {
        SseStreamSpec spec = SseStreamSpec.parse("recent-change_1=http://127.0.0.1:9999/s?a=b");

        assertThat(spec.name()).isEqualTo("recent-change_1");
        assertThat(spec.url()).isEqualTo("http://127.0.0.1:9999/s?a=b");
    }

    @Test
    void aNamedStreamIsReadByItsNameWhateverTheUrlAnUnnamedOneByItsUrl() {
        SseStreamSpec named = SseStreamSpec.parse("rc=http://new/s");
        SseStreamSpec unnamed = SseStreamSpec.parse("http://new/s");

        assertThat(named.isReadBy("rc", "http://old/s")).isTrue();
        assertThat(named.isReadBy("other", "http://new/s")).isFalse();
        assertThat(named.isReadBy(null, "http://new/s")).isTrue();
        assertThat(unnamed.isReadBy(null, "http://new/s")).isTrue();
        assertThat(unnamed.isReadBy(null, "http://old/s")).isFalse();
        assertThat(unnamed.isReadBy("rc", "http://new/s")).isFalse();
    }

    @Test
    void refusesSomethingThatIsNoUrlWithoutShowingItsSecrets() {
        assertThatThrownBy(() -> SseStreamSpec.parse("rc=ftp://u:s3cret@h/s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void showsTheNameAndTheUrlWithCredentialsMasked() {
        assertThat(SseStreamSpec.parse("rc=https://h/s?token=s3cret").toString())
                .startsWith("rc=https://h/s")
                .doesNotContain("s3cret");
    }
}
