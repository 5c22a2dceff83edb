package dev.eddy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.sse.server.TestSseSubscriber;
import dev.eddy.wikimedia.PushSinks;
import dev.eddy.wikimedia.kafka.Topics;
import dev.eddy.wikimedia.record.AggregateStreams;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code eddy local --serve-from=kafka}: the endpoint serves the job's committed Kafka output, with
 * Kafka positions as ids that resume exactly, and the job has no push sink.
 */
class LocalRunServingFromKafkaITCase {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String ONE_PARTITION_POSITION = "k\\d+";
    private static final int RECORDS = 6;
    private static final int RESUME_AFTER = 2;

    @RegisterExtension
    static final SampleLocalRun EDDY_LOCAL = SampleLocalRun.servingFrom(ServeFrom.KAFKA);

    private static LocalRun run;

    /**
     * {@code GET /streams} as soon as {@code eddy local} is up (it looks for topics every 30 s).
     */
    private static JsonNode streamsAtStart;

    @BeforeAll
    static void askForTheStreamsRightAway() throws Exception {
        run = EDDY_LOCAL.run();
        streamsAtStart = SampleLocalRun.get(run.endpoint().resolve("/streams"));
    }

    @Test
    void theEndpointServesTheJobsTopicsFromTheStart() {
        List<String> names = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        streamsAtStart.forEach(
                stream -> {
                    names.add(stream.path("name").asText());
                    topics.add(stream.path("topic").asText());
                });

        assertThat(names).containsExactlyInAnyOrderElementsOf(AggregateStreams.ALL);
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.aggregates());
    }

    @Test
    void idsAreKafkaPositionsAndLastEventIdResumesRightAfterThatRecord() {
        List<TestSseSubscriber.Event> firstRead;
        try (TestSseSubscriber subscriber = subscribe("/streams/activity", Map.of())) {
            await().atMost(PATIENCE).until(() -> subscriber.events().size() >= RECORDS);
            firstRead = subscriber.events();
        }
        assertThat(firstRead)
                .extracting(event -> event.id)
                .allMatch(id -> id.matches(ONE_PARTITION_POSITION));
        String lastEventId = firstRead.get(RESUME_AFTER).id;
        List<String> rest = idsAndData(firstRead.subList(RESUME_AFTER + 1, firstRead.size()));

        try (TestSseSubscriber resumed =
                subscribe("/streams/activity", Map.of("Last-Event-ID", lastEventId))) {
            await().atMost(PATIENCE).until(() -> resumed.events().size() >= rest.size());

            assertThat(idsAndData(resumed.events()).subList(0, rest.size())).isEqualTo(rest);
        }
    }

    @Test
    void theDashboardAndItsSnapshotSubscriptionAreServed() throws Exception {
        HttpResponse<String> page =
                SampleLocalRun.HTTP.send(
                        HttpRequest.newBuilder(run.endpoint().resolve("/")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));

        try (TestSseSubscriber snapshot =
                subscribe("/streams/edits-per-wiki?snapshot=latest", Map.of())) {
            await().atMost(PATIENCE).until(() -> !snapshot.events().isEmpty());
            TestSseSubscriber.Event first = snapshot.events().get(0);
            assertThat(first.id).matches(ONE_PARTITION_POSITION);
            assertThat(first.type).isEqualTo("edits-per-wiki");
        }
    }

    @Test
    void theJobWritesToKafkaAndHasNoPushSink() {
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> {
                            List<String> vertices = EDDY_LOCAL.vertexNames();
                            assertThat(vertices)
                                    .anyMatch(name -> name.contains("Kafka: " + Topics.PREFIX));
                            assertThat(vertices).noneMatch(name -> name.contains(PushSinks.NAME));
                        });
    }

    @Test
    void theEndpointTakesNoPublishes() throws Exception {
        HttpResponse<String> publish =
                SampleLocalRun.HTTP.send(
                        HttpRequest.newBuilder(run.endpoint().resolve("/streams/activity"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"all\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(publish.statusCode()).isEqualTo(405);
        assertThat(publish.body()).contains("takes no publishes");
    }

    private static TestSseSubscriber subscribe(String path, Map<String, String> headers) {
        return TestSseSubscriber.open(run.endpoint() + path, headers);
    }

    /** Each event as "id data", to compare what two subscribers saw. */
    private static List<String> idsAndData(List<TestSseSubscriber.Event> events) {
        return events.stream().map(event -> event.id + " " + event.data).toList();
    }
}
