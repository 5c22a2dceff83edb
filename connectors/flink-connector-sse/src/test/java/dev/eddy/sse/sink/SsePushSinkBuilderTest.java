package dev.eddy.sse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SsePushSinkBuilderTest {

    @Test
    void usingTheBuilderAgainDoesNotChangeASinkItBuilt() {
        SsePushSinkBuilder<String> builder =
                SsePushSink.<String>builder()
                        .setEndpoint("http://a:8090")
                        .setPublishToken("one")
                        .setSerializer(json -> new SsePushRecord("s", json))
                        .setBatchSize(10);
        SsePushSink<String> first = builder.build();

        builder.setEndpoint("http://b:8090")
                .setPublishToken("two")
                .setBatchSize(20)
                .setBufferCapacity(7)
                .setLinger(Duration.ofSeconds(3))
                .setRequestTimeout(Duration.ofSeconds(4))
                .setRetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .setFlushTimeout(Duration.ofSeconds(9));
        SsePushSink<String> second = builder.build();

        assertThat(first.settings().endpoint).isEqualTo("http://a:8090");
        assertThat(first.settings().publishToken).isEqualTo("one");
        assertThat(first.settings().batchSize).isEqualTo(10);
        assertThat(first.settings().bufferCapacity).isEqualTo(10_000);
        assertThat(first.settings().linger).isEqualTo(Duration.ofMillis(200));
        assertThat(first.settings().flushTimeout).isEqualTo(Duration.ofSeconds(5));
        assertThat(second.settings().endpoint).isEqualTo("http://b:8090");
        assertThat(second.settings().batchSize).isEqualTo(20);
        assertThat(second.settings().maxBackoff).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> SsePushSink.<String>builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setEndpoint");
        assertThatThrownBy(() -> SsePushSink.<String>builder().setEndpoint("http://a:8090").build())
                .hasMessageContaining("setPublishToken");
        assertThatThrownBy(
                        () ->
                                SsePushSink.<String>builder()
                                        .setEndpoint("http://a:8090")
                                        .setPublishToken("t")
                                        .build())
                .hasMessageContaining("setSerializer");
    }

    @Test
    void refusesAnEndpointThatIsNoHttpUrl() {
        assertThatThrownBy(() -> SsePushSink.<String>builder().setEndpoint("ftp://a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s) URL");
    }

    @Test
    void anEndpointThatIsNoUrlIsRefusedWithoutShowingItsCredentials() {
        assertThatThrownBy(
                        () -> SsePushSink.<String>builder().setEndpoint("http://u:s3cret@a b:80/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void neverShowsThePublishToken() {
        SsePushSink<String> sink =
                SsePushSink.<String>builder()
                        .setEndpoint("http://user:pw@a:8090")
                        .setPublishToken("s3cret")
                        .setSerializer(json -> new SsePushRecord("s", json))
                        .build();

        assertThat(sink.settings().toString()).doesNotContain("s3cret").doesNotContain(":pw@");
    }
}
