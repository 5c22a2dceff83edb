package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientBenchmarkResultsTest {

    @Test
    void rateOfAClientIsItsMedianRound() {
        ClientBenchmarkResults results =
                results(
                        Map.of(
                                ClientBenchmark.EDDY,
                                List.of(run(300, 7), run(100, 7), run(200, 7))));

        assertThat(results.medianRate(ClientBenchmark.EDDY)).isEqualTo(200.0);
    }

    @Test
    void clientsWithDifferentChecksumsDidNotDecodeTheSameEvents() {
        ClientBenchmarkResults results =
                results(
                        Map.of(
                                ClientBenchmark.EDDY, List.of(run(300, 7)),
                                ClientBenchmark.OKHTTP_SSE, List.of(run(100, 8))));

        assertThat(results.decodedTheSameEvents()).isFalse();
    }

    @Test
    void theRawDrainsChecksumIsNotCompared() {
        ClientBenchmarkResults results =
                results(
                        Map.of(
                                ClientBenchmark.EDDY, List.of(run(300, 7)),
                                ClientBenchmark.OKHTTP_SSE, List.of(run(100, 7)),
                                ClientBenchmark.RAW_DRAIN, List.of(run(900, 0))));

        assertThat(results.decodedTheSameEvents()).isTrue();
    }

    /** A measured run of {@code eventsPerSecond} (1 second's worth of events). */
    private static BenchClientJvm.Measurement run(long eventsPerSecond, long checksum) {
        return new BenchClientJvm.Measurement(
                eventsPerSecond, 1_000_000_000L, 500_000_000L, checksum);
    }

    private static ClientBenchmarkResults results(
            Map<String, List<BenchClientJvm.Measurement>> measurements) {
        return new ClientBenchmarkResults(new LinkedHashMap<>(measurements));
    }
}
