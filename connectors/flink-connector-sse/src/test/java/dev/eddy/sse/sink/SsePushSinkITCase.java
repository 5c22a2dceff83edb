package dev.eddy.sse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.sse.testing.PushReceiver;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The push sink in a MiniCluster against a real HTTP receiver on loopback. */
class SsePushSinkITCase {

    private static final String TOKEN = "publish-secret";
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private PushReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theSinkDeliversRecordsInOrderInBatches() throws Exception {
        receiver = PushReceiver.start(TOKEN);
        List<String> records = numbered(1_000);

        JobID job = run(records, sink(receiver.url()).setBatchSize(64).build());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> receiver.records("counts").size() == records.size());
        assertThat(receiver.records("counts")).containsExactlyElementsOf(records);
        assertThat(receiver.batches()).allMatch(batch -> batch.records().size() <= 64);
        assertThat(counter(job, "pushRecordsSent")).isEqualTo(records.size());
        assertThat(counter(job, "pushRecordsDropped")).isZero();
    }

    @Test
    void theSinkDoesNotBlockTheJobWhenTheEndpointIsDown() throws Exception {
        List<String> records = numbered(20_000);
        SsePushSink<String> sink =
                sink("http://127.0.0.1:" + closedPort())
                        .setBufferCapacity(100)
                        .setRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                        .setRequestTimeout(Duration.ofSeconds(2))
                        .setFlushTimeout(Duration.ofMillis(300))
                        .build();

        JobID job = run(records, sink);

        assertThat(counter(job, "pushRecordsSent")).isZero();
        assertThat(counter(job, "pushRecordsDropped")).isEqualTo(records.size());
        assertThat(counter(job, "pushFailedRequests")).isPositive();
    }

    private static JobID run(List<String> records, SsePushSink<String> sink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(records).name("records").sinkTo(sink).name("push");
        JobClient client = env.executeAsync("push sink test");
        JobExecutionResult result = client.getJobExecutionResult().get(90, TimeUnit.SECONDS);
        return result.getJobID();
    }

    private static SsePushSinkBuilder<String> sink(String endpoint) {
        return SsePushSink.<String>builder()
                .setEndpoint(endpoint)
                .setPublishToken(TOKEN)
                .setSerializer(json -> new SsePushRecord("counts", json));
    }

    private static long counter(JobID job, String name) {
        Map<String, Metric> metrics = REPORTER.findMetrics(job, name);
        assertThat(metrics).as("metric %s", name).hasSize(1);
        return ((Counter) metrics.values().iterator().next()).getCount();
    }

    private static List<String> numbered(int count) {
        return IntStream.range(0, count)
                .mapToObj(n -> "{\"n\":" + n + "}")
                .collect(Collectors.toList());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
