package dev.eddy.sse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sse.testing.PushReceiver;
import java.time.Duration;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The push sink's writer against a slow real receiver on loopback. */
class SsePushSinkWriterTest {

    private PushReceiver receiver;
    private SsePushSinkWriter<String> writer;

    @AfterEach
    void stop() throws Exception {
        if (writer != null) {
            writer.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aCheckpointDoesNotWaitForASlowEndpointButTheEndOfInputDoes() throws Exception {
        receiver = PushReceiver.start("secret").delayAnswers(Duration.ofSeconds(2));
        SsePushSinkSettings settings = new SsePushSinkSettings();
        settings.endpoint = receiver.url();
        settings.publishToken = "secret";
        settings.linger = Duration.ofMinutes(10);
        settings.flushTimeout = Duration.ofSeconds(60);
        writer =
                new SsePushSinkWriter<>(
                        settings,
                        json -> new SsePushRecord("counts", json),
                        UnregisteredMetricsGroup.createSinkWriterMetricGroup());
        writer.write("{\"n\":1}", null);

        writer.flush(false);
        assertThat(receiver.batches()).isEmpty();

        writer.flush(true);
        assertThat(receiver.records("counts")).containsExactly("{\"n\":1}");
    }
}
