package dev.eddy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.kafka.embedded.EmbeddedKafka;
import dev.eddy.sse.server.SseEndpointServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the dashboard in headless Chromium against a real endpoint fed with aggregate records: by
 * pushes, and served from a real Kafka broker.
 */
class DashboardITCase {

    private static final String TOKEN = "publish-secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String SNAPSHOT =
            "JSON.stringify({"
                    + "wikis: Array.from(document.querySelectorAll('#top-wikis tbody tr')).map(r => r.dataset.wiki + '=' + r.cells[1].textContent),"
                    + "pages: Array.from(document.querySelectorAll('#top-pages tbody tr')).map(r => r.dataset.title + '=' + r.cells[2].textContent),"
                    + "eps: document.getElementById('activity-eps').textContent,"
                    + "bots: document.getElementById('activity-bot-share').textContent,"
                    + "editsChart: document.getElementById('edits-chart').dataset.series + '/' + document.getElementById('edits-chart').dataset.points,"
                    + "canvases: document.querySelectorAll('.chart canvas').length,"
                    + "states: Array.from(document.querySelectorAll('.state')).map(s => s.id + '=' + s.dataset.state)"
                    + "})";

    @TempDir Path workDir;

    private final OkHttpClient http = new OkHttpClient();
    private SseEndpointServer server;
    private HeadlessChromium browser;

    private EmbeddedKafka kafka;

    @BeforeEach
    void requireChromium() {
        assumeTrue(
                HeadlessChromium.available(),
                "headless Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)");
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theDashboardShowsPublishedRecordsAndUpdatesLive() throws Exception {
        server = endpoint(0).start();
        publish(
                "edits-per-wiki",
                editsPerWiki("enwiki", 1, 412),
                editsPerWiki("wikidatawiki", 1, 977));
        publish("activity", activity(52.3, 0.4321));
        publish("top-pages", topPages());

        browser = HeadlessChromium.open(server.uri() + "/", workDir);

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(snapshot().toString())
                                        .contains("wikidatawiki=977", "enwiki=412")
                                        .contains("Main_Page_Probe=17")
                                        .contains("\"eps\":\"52.3\"", "\"bots\":\"43%\"")
                                        .contains(
                                                "state-edits-per-wiki=live",
                                                "state-activity=live",
                                                "state-top-pages=live"));
        assertThat(snapshot().get("editsChart").asText()).isEqualTo("wikidatawiki,enwiki/1");
        assertThat(snapshot().get("canvases").asInt()).isEqualTo(2);

        publish("edits-per-wiki", editsPerWiki("enwiki", 2, 1500));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(snapshot().toString()).contains("enwiki=1500"));
        assertThat(snapshot().get("editsChart").asText()).isEqualTo("enwiki,wikidatawiki/1");
    }

    @Test
    void aFinalUpdateReplacesAHigherEarlyRevisionOfItsWindow() throws Exception {
        server = endpoint(0).start();
        publish("edits-per-wiki", editsPerWiki("enwiki", 5, 900));
        browser = HeadlessChromium.open(server.uri() + "/", workDir);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(snapshot().toString()).contains("enwiki=900"));

        publish(
                "edits-per-wiki",
                editsPerWiki("enwiki", 4, 880).replace("\"final\":false", "\"final\":true"));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(snapshot().toString()).contains("enwiki=880"));
    }

    @Test
    void theDashboardShowsRecordsServedFromKafkaAndUpdatesLive() throws Exception {
        kafka = EmbeddedKafka.start(workDir.resolve("kafka"), "127.0.0.1", 0);
        try (Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        kafka.bootstrapServers()));
                KafkaProducer<String, String> producer = transactionalProducer()) {
            admin.createTopics(
                            List.of(
                                    new NewTopic("eddy.edits-per-wiki", 2, (short) 1),
                                    new NewTopic("eddy.activity", 1, (short) 1),
                                    new NewTopic("eddy.top-pages", 1, (short) 1)))
                    .all()
                    .get();
            producer.beginTransaction();
            producer.send(kafkaRecord("edits-per-wiki", editsPerWiki("enwiki", 1, 412)));
            producer.send(kafkaRecord("edits-per-wiki", editsPerWiki("wikidatawiki", 1, 977)));
            producer.send(kafkaRecord("activity", activity(52.3, 0.4321)));
            producer.send(kafkaRecord("top-pages", topPages()));
            producer.commitTransaction();
            server =
                    SseEndpointServer.builder()
                            .port(0)
                            .kafka(kafka.bootstrapServers())
                            .retryHint(Duration.ofMillis(500))
                            .staticResources("dashboard")
                            .build()
                            .start();

            browser = HeadlessChromium.open(server.uri() + "/", workDir);

            await().atMost(TIMEOUT)
                    .untilAsserted(
                            () ->
                                    assertThat(snapshot().toString())
                                            .contains("wikidatawiki=977", "enwiki=412")
                                            .contains("Main_Page_Probe=17")
                                            .contains("\"eps\":\"52.3\"")
                                            .contains(
                                                    "state-edits-per-wiki=live",
                                                    "state-activity=live",
                                                    "state-top-pages=live"));
            producer.beginTransaction();
            producer.send(kafkaRecord("edits-per-wiki", editsPerWiki("enwiki", 2, 1500)));
            producer.commitTransaction();
            await().atMost(TIMEOUT)
                    .untilAsserted(() -> assertThat(snapshot().toString()).contains("enwiki=1500"));
        }
    }

    @Test
    void theDashboardResumesAfterTheEndpointRestarts() throws Exception {
        server = endpoint(0).start();
        publish("edits-per-wiki", editsPerWiki("enwiki", 1, 412));
        browser = HeadlessChromium.open(server.uri() + "/", workDir);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(snapshot().toString()).contains("enwiki=412"));
        int port = server.port();

        server.close();
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(snapshot().toString())
                                        .doesNotContain("state-edits-per-wiki=live"));
        server = endpoint(port).start();
        publish("edits-per-wiki", editsPerWiki("dewiki", 1, 2048));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(snapshot().toString())
                                        .contains(
                                                "dewiki=2048",
                                                "enwiki=412",
                                                "state-edits-per-wiki=live"));
    }

    private KafkaProducer<String, String> transactionalProducer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dashboard-test");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        KafkaProducer<String, String> producer = new KafkaProducer<>(properties);
        producer.initTransactions();
        return producer;
    }

    /** The record as the job writes it: to eddy.<stream>, keyed {@code <key>@<window_start>}. */
    private static ProducerRecord<String, String> kafkaRecord(String stream, String json)
            throws IOException {
        JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        return new ProducerRecord<>(
                "eddy." + stream,
                record.get("key").asText() + "@" + record.get("window_start").asText(),
                json);
    }

    private SseEndpointServer endpoint(int port) {
        return SseEndpointServer.builder()
                .port(port)
                .publishToken(TOKEN)
                .streams("edits-per-wiki", "activity", "top-pages")
                .stateDirectory(workDir.resolve("endpoint-state"))
                .retryHint(Duration.ofMillis(500))
                .staticResources("dashboard")
                .build();
    }

    private JsonNode snapshot() throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(browser.evaluate(SNAPSHOT).asText());
    }

    private void publish(String stream, String... records) throws IOException {
        Request request =
                new Request.Builder()
                        .url(server.uri() + "/streams/" + stream)
                        .header("Authorization", "Bearer " + TOKEN)
                        .post(
                                RequestBody.create(
                                        "[" + String.join(",", records) + "]",
                                        MediaType.get("application/json")))
                        .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(202);
        }
    }

    private static String editsPerWiki(String wiki, int revision, int events) {
        return "{\"stream\":\"edits-per-wiki\",\"key\":\""
                + wiki
                + "\",\"wiki\":\""
                + wiki
                + "\","
                + "\"window_start\":\"2018-03-07T16:16:00Z\",\"window_end\":\"2018-03-07T16:17:00Z\","
                + "\"final\":false,\"revision\":"
                + revision
                + ",\"events\":"
                + events
                + ",\"edits\":"
                + (events - 10)
                + ",\"new_pages\":5,\"log_events\":5,\"categorize_events\":0,\"bot_events\":100,"
                + "\"human_events\":"
                + (events - 100)
                + ",\"distinct_users\":42,\"bytes_added\":1000,\"bytes_removed\":10}";
    }

    private static String activity(double eventsPerSecond, double botShare) {
        return "{\"stream\":\"activity\",\"key\":\"all\",\"window_start\":\"2018-03-07T16:16:10Z\","
                + "\"window_end\":\"2018-03-07T16:16:20Z\",\"final\":true,\"revision\":1,\"events\":523,"
                + "\"by_type\":{\"edit\":400,\"new\":50,\"log\":60,\"categorize\":13},"
                + "\"bot_share\":"
                + botShare
                + ",\"events_per_second\":"
                + eventsPerSecond
                + "}";
    }

    private static String topPages() {
        return "{\"stream\":\"top-pages\",\"key\":\"enwiki\",\"wiki\":\"enwiki\","
                + "\"window_start\":\"2018-03-07T16:12:00Z\",\"window_end\":\"2018-03-07T16:17:00Z\","
                + "\"final\":false,\"revision\":2,\"pages\":[{\"title\":\"Main_Page_Probe\",\"edits\":17,\"distinct_users\":4},"
                + "{\"title\":\"Other\",\"edits\":3,\"distinct_users\":1}]}";
    }
}
