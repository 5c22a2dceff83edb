package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark harness, run tiny: every event is counted and both phases produce figures. */
class PipelineBenchmarkITCase {

    private static final int EVENTS = 5_000;
    private static final int WARM_UP_EVENTS = 2_000;

    private static final PipelineBenchmark.Settings TINY =
            new PipelineBenchmark.Settings(
                    EVENTS,
                    WARM_UP_EVENTS,
                    1,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    500,
                    Duration.ofSeconds(4),
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(5),
                    List.of());

    @Test
    void countsEveryEventAndMeasuresLatencyAtBothConsumers() throws Exception {
        PipelineBenchmark.Result result = PipelineBenchmark.run(TINY, step -> {});

        assertThat(result.warmUp().eventsCounted()).isEqualTo(WARM_UP_EVENTS);
        assertThat(result.throughput().eventsCounted()).isEqualTo(EVENTS);
        assertThat(result.throughput().drain().events()).isEqualTo(EVENTS);
        assertThat(result.latency().measured()).isEqualTo(1_500);
        assertThat(result.latency().endpointP99()).isNotNaN();
        assertThat(result.latency().kafkaP99()).isNotNaN();
        assertThat(result.summary()).contains("SYNTHETIC", "Warm-up first", "events/s", "p99");
    }
}
