package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.sse.sink.SsePushRecord;
import dev.eddy.sse.sink.SsePushSink;
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

/**
 * End to end: the connector's push sink in a MiniCluster publishing to the real endpoint, read back
 * by an SSE subscriber. The sink's other behaviours are tested in the connector against a receiver.
 */
class PushSinkToEndpointITCase {

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

    private SseEndpointServer server;
    private TestSseSubscriber subscriber;

    @AfterEach
    void stop() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theSinkDeliversRecordsToARealEndpointInOrder() throws Exception {
        server =
                SseEndpointServer.builder()
                        .port(0)
                        .publishToken(TOKEN)
                        .streams("counts")
                        .build()
                        .start();
        subscriber = TestSseSubscriber.open(server.uri() + "/streams/counts?last-event-id=0");
        List<String> records = numbered(1_000);

        JobID job =
                run(
                        records,
                        SsePushSink.<String>builder()
                                .setEndpoint(server.uri().toString())
                                .setPublishToken(TOKEN)
                                .setSerializer(json -> new SsePushRecord("counts", json))
                                .setBatchSize(64)
                                .build());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> subscriber.events().size() == records.size());
        assertThat(subscriber.events())
                .extracting(event -> event.data)
                .containsExactlyElementsOf(records);
        assertThat(counter(job, "pushRecordsSent")).isEqualTo(records.size());
        assertThat(counter(job, "pushRecordsDropped")).isZero();
    }

    @Test
    void theEndpointRefusesAWrongPublishTokenAndTheSinkCountsTheRecordsDropped() throws Exception {
        server = SseEndpointServer.builder().port(0).publishToken(TOKEN).build().start();
        List<String> records = numbered(10);

        JobID job =
                run(
                        records,
                        SsePushSink.<String>builder()
                                .setEndpoint(server.uri().toString())
                                .setPublishToken("not-" + TOKEN)
                                .setSerializer(json -> new SsePushRecord("counts", json))
                                .build());

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
}
