package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.kafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint in Kafka mode against a real broker: aggregate records written by a transactional
 * producer (as the job's Kafka sink does), read over real HTTP from one or two replicas.
 */
class KafkaEndpointITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @TempDir static Path kafkaDir;
    private static EmbeddedKafka kafka;
    private static Admin admin;
    private static KafkaProducer<String, String> producer;

    private final OkHttpClient http = new OkHttpClient();
    private final List<TestSseSubscriber> subscribers = new ArrayList<>();
    private final List<SseEndpointServer> replicas = new ArrayList<>();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(kafkaDir, "127.0.0.1", 0);
        Properties adminProperties = new Properties();
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        admin = Admin.create(adminProperties);
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kafka-endpoint-test");
        producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProperties.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(producerProperties);
        producer.initTransactions();
    }

    @AfterAll
    static void stopKafka() {
        producer.close();
        admin.close();
        kafka.close();
    }

    @AfterEach
    void stop() throws Exception {
        subscribers.forEach(TestSseSubscriber::close);
        for (SseEndpointServer replica : replicas) {
            replica.close();
        }
    }

    @Test
    void aSubscriberReconnectingToAnotherReplicaGetsExactlyTheRestWithTheSameIds()
            throws Exception {
        String stream = topic(1);
        SseEndpointServer a = replica(stream);
        SseEndpointServer b = replica(stream);
        TestSseSubscriber onA = subscribe(a, stream, Map.of());
        awaitLive(a, stream, 1);

        commit(stream, updates("enwiki", 1, 60));

        await().atMost(TIMEOUT).until(() -> onA.events().size() == 60);
        String idOfRecord25 = onA.events().get(24).id;
        TestSseSubscriber onB = subscribe(b, stream, Map.of("Last-Event-ID", idOfRecord25));
        await().atMost(TIMEOUT).until(() -> onB.events().size() == 35);
        commit(stream, updates("enwiki", 61, 10));

        await().atMost(TIMEOUT).until(() -> onA.events().size() == 70);
        await().atMost(TIMEOUT).until(() -> onB.events().size() == 45);
        assertThat(ids(onB)).containsExactlyElementsOf(ids(onA).subList(25, 70));
        assertThat(data(onB)).containsExactlyElementsOf(data(onA).subList(25, 70));
        assertThat(revisions(onA)).containsExactlyElementsOf(range(1, 70));
    }

    @Test
    void withSeveralPartitionsAResumeOnAnotherReplicaMissesNothingAndRepeatsNothing()
            throws Exception {
        String stream = topic(3);
        SseEndpointServer a = replica(stream);
        SseEndpointServer b = replica(stream);
        TestSseSubscriber onA = subscribe(a, stream, Map.of());
        awaitLive(a, stream, 1);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String wiki : List.of("enwiki", "dewiki", "frwiki", "itwiki", "eswiki", "jawiki")) {
            records.addAll(updates(wiki, 1, 20));
        }
        commit(stream, records);
        await().atMost(TIMEOUT).until(() -> onA.events().size() == 120);

        String idOfRecord50 = onA.events().get(49).id;
        TestSseSubscriber onB = subscribe(b, stream, Map.of("Last-Event-ID", idOfRecord50));

        await().atMost(TIMEOUT).until(() -> onB.events().size() == 70);
        assertThat(data(onB))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(data(onA).subList(50, 120));
        assertThat(onB.events().get(0).id).matches("k\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void aRestartedReplicaResumesItsSubscribersWithoutLoss() throws Exception {
        String stream = topic(2);
        SseEndpointServer first = replica(stream);
        int port = first.port();
        TestSseSubscriber before = subscribe(first, stream, Map.of());
        awaitLive(first, stream, 1);
        commit(stream, updates("enwiki", 1, 30));
        await().atMost(TIMEOUT).until(() -> before.events().size() == 30);

        first.close();
        replicas.remove(first);
        await().atMost(TIMEOUT).until(before::ended);
        commit(stream, updates("enwiki", 31, 30));
        SseEndpointServer restarted = replica(stream, builder -> builder.port(port));
        TestSseSubscriber after =
                subscribe(restarted, stream, Map.of("Last-Event-ID", before.events().get(29).id));
        commit(stream, updates("enwiki", 61, 10));

        await().atMost(TIMEOUT).until(() -> after.events().size() == 40);
        List<Integer> all = new ArrayList<>(revisions(before));
        all.addAll(revisions(after));
        assertThat(all).containsExactlyElementsOf(range(1, 70));
    }

    @Test
    void recordsOfAnAbortedTransactionNeverReachASubscriber() throws Exception {
        String stream = topic(1);
        SseEndpointServer replica = replica(stream);
        TestSseSubscriber live = subscribe(replica, stream, Map.of());
        awaitLive(replica, stream, 1);

        producer.beginTransaction();
        updates("aborted", 1, 5).forEach(producer::send);
        producer.flush();
        producer.abortTransaction();
        commit(stream, updates("committed", 1, 5));

        await().atMost(TIMEOUT).until(() -> live.events().size() >= 5);
        TestSseSubscriber fromTheStart = subscribe(replica, stream, Map.of("Last-Event-ID", "k0"));
        TestSseSubscriber snapshot = subscribe(replica, stream + "?snapshot=latest", Map.of());
        await().atMost(TIMEOUT)
                .until(() -> fromTheStart.events().size() >= 5 && snapshot.events().size() >= 1);
        commit(stream, updates("committed", 6, 1));
        await().atMost(TIMEOUT).until(() -> live.events().size() >= 6);
        assertThat(keys(live)).containsOnly("committed").hasSize(6);
        await().atMost(TIMEOUT).until(() -> fromTheStart.events().size() >= 6);
        assertThat(keys(fromTheStart)).containsOnly("committed").hasSize(6);
        assertThat(keys(snapshot)).containsOnly("committed");
    }

    @Test
    void sinceStartsAtTheFirstRecordWrittenAtThatTime() throws Exception {
        String stream = topic(2);
        long now = System.currentTimeMillis();
        commit(stream, timestamped(updates("enwiki", 1, 10), now - 60_000));
        commit(stream, timestamped(updates("enwiki", 11, 10), now - 30_000));
        SseEndpointServer replica = replica(stream);

        TestSseSubscriber since =
                subscribe(
                        replica, stream + "?since=" + Instant.ofEpochMilli(now - 45_000), Map.of());

        await().atMost(TIMEOUT).until(() -> since.events().size() == 10);
        assertThat(revisions(since)).containsExactlyInAnyOrderElementsOf(range(11, 20));
    }

    @Test
    void aSnapshotSendsTheLatestUpdateOfEachRecentWindowThenLiveUpdates() throws Exception {
        String stream = topic(1);
        commit(
                stream,
                List.of(
                        update("enwiki", "16:00", 1, false),
                        update("enwiki", "16:00", 2, true),
                        update("enwiki", "16:20", 1, false),
                        update("enwiki", "16:20", 2, true),
                        update("dewiki", "16:20", 1, false),
                        update("enwiki", "16:21", 1, false),
                        update("enwiki", "16:21", 2, false)));
        SseEndpointServer replica = replica(stream);

        TestSseSubscriber snapshot = subscribe(replica, stream + "?snapshot=latest", Map.of());
        await().atMost(TIMEOUT).until(() -> snapshot.events().size() == 3);
        commit(stream, List.of(update("enwiki", "16:21", 3, true)));

        await().atMost(TIMEOUT).until(() -> snapshot.events().size() == 4);
        assertThat(data(snapshot))
                .containsExactly(
                        update("enwiki", "16:20", 2, true).value(),
                        update("dewiki", "16:20", 1, false).value(),
                        update("enwiki", "16:21", 2, false).value(),
                        update("enwiki", "16:21", 3, true).value());
    }

    @Test
    void aMalformedIdIsABadRequestThatSaysWhatAnIdLooksLike() throws Exception {
        String stream = topic(1);
        SseEndpointServer replica = replica(stream);

        TestSseSubscriber decimal =
                subscribe(replica, stream, Map.of("Last-Event-ID", "1764582938123000"));
        TestSseSubscriber garbage = subscribe(replica, stream + "?last-event-id=k12.x", Map.of());
        TestSseSubscriber tooManyPartitions =
                subscribe(replica, stream, Map.of("Last-Event-ID", "k1.2.3"));

        await().atMost(TIMEOUT)
                .until(
                        () ->
                                decimal.status() == 400
                                        && garbage.status() == 400
                                        && tooManyPartitions.status() == 400);
        assertThat(decimal.errorBody()).contains("malformed Last-Event-ID", "k1234");
        assertThat(garbage.errorBody()).contains("malformed Last-Event-ID");
        assertThat(tooManyPartitions.errorBody()).contains("names 3 partitions");
    }

    @Test
    void anIdOlderThanRetentionSaysSoAndStartsAtTheEarliestRecord() throws Exception {
        String stream = topic(1);
        commit(stream, updates("enwiki", 1, 20));
        admin.deleteRecords(
                        Map.of(
                                new TopicPartition("eddy." + stream, 0),
                                RecordsToDelete.beforeOffset(10)))
                .all()
                .get();
        SseEndpointServer replica = replica(stream);

        TestSseSubscriber expired = subscribe(replica, stream, Map.of("Last-Event-ID", "k3"));

        await().atMost(TIMEOUT).until(() -> expired.events().size() == 10);
        assertThat(revisions(expired)).containsExactlyElementsOf(range(11, 20));
        assertThat(expired.comments()).anyMatch(comment -> comment.contains("retention"));
    }

    @Test
    void resumesCloseToTheHeadComeFromTheRingOthersFromKafkaAndBothGetExactlyTheRest()
            throws Exception {
        String stream = topic(1);
        commit(stream, updates("enwiki", 1, 100));
        SseEndpointServer replica = replica(stream, builder -> builder.historySize(20));
        TestSseSubscriber all = subscribe(replica, stream, Map.of("Last-Event-ID", "k0"));
        await().atMost(TIMEOUT).until(() -> all.events().size() == 100);

        TestSseSubscriber near =
                subscribe(replica, stream, Map.of("Last-Event-ID", all.events().get(89).id));
        TestSseSubscriber far =
                subscribe(replica, stream, Map.of("Last-Event-ID", all.events().get(9).id));

        await().atMost(TIMEOUT)
                .until(() -> near.events().size() == 10 && far.events().size() == 90);
        assertThat(ids(near)).containsExactlyElementsOf(ids(all).subList(90, 100));
        assertThat(ids(far)).containsExactlyElementsOf(ids(all).subList(10, 100));
        String metrics = get(replica, "/metrics");
        assertThat(metrics)
                .contains(
                        "eddy_endpoint_resumes_total{from=\"ring\",stream=\"" + stream + "\"} 1.0",
                        "eddy_endpoint_resumes_total{from=\"kafka\",stream=\""
                                + stream
                                + "\"} 2.0");
    }

    @Test
    void filtersMatchTopLevelFields() throws Exception {
        String stream = topic(1);
        SseEndpointServer replica = replica(stream);
        TestSseSubscriber dewiki = subscribe(replica, stream + "?key=dewiki", Map.of());
        awaitLive(replica, stream, 1);
        List<ProducerRecord<String, String>> records = new ArrayList<>(updates("enwiki", 1, 5));
        records.addAll(updates("dewiki", 1, 3));

        commit(stream, records);
        TestSseSubscriber resumed =
                subscribe(replica, stream + "?key=enwiki", Map.of("Last-Event-ID", "k0"));

        await().atMost(TIMEOUT).until(() -> dewiki.events().size() == 3);
        await().atMost(TIMEOUT).until(() -> resumed.events().size() == 5);
        assertThat(keys(dewiki)).containsOnly("dewiki");
        assertThat(keys(resumed)).containsOnly("enwiki");
    }

    @Test
    void theReadTokenGuardsStreamsListAndMetrics() throws Exception {
        String stream = topic(1);
        SseEndpointServer replica = replica(stream, builder -> builder.readToken("reader"));

        TestSseSubscriber anonymous = subscribe(replica, stream, Map.of());
        TestSseSubscriber withToken = subscribe(replica, stream + "?token=reader", Map.of());
        commit(stream, updates("enwiki", 1, 2));

        await().atMost(TIMEOUT).until(() -> anonymous.status() == 401);
        await().atMost(TIMEOUT).until(() -> withToken.events().size() == 2);
        assertThat(status(replica, "/streams")).isEqualTo(401);
        assertThat(status(replica, "/metrics")).isEqualTo(401);
        assertThat(status(replica, "/metrics?token=reader")).isEqualTo(200);
    }

    @Test
    void publishingIsRefusedInKafkaMode() throws Exception {
        String stream = topic(1);
        SseEndpointServer replica = replica(stream);
        Request post =
                new Request.Builder()
                        .url(replica.uri() + "/streams/" + stream)
                        .post(RequestBody.create("{}", MediaType.get("application/json")))
                        .build();
        try (Response response = http.newCall(post).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.body().string()).contains("serves its streams from Kafka");
        }
    }

    /**
     * Creates a topic {@code eddy.<name>} with that many partitions and returns the stream name.
     */
    private static String topic(int partitions) throws Exception {
        String name = "test-" + TOPICS.incrementAndGet();
        admin.createTopics(List.of(new NewTopic("eddy." + name, partitions, (short) 1)))
                .all()
                .get();
        return name;
    }

    private SseEndpointServer replica(String stream) throws Exception {
        return replica(stream, builder -> builder);
    }

    private SseEndpointServer replica(
            String stream, java.util.function.UnaryOperator<SseEndpointServer.Builder> configure)
            throws Exception {
        SseEndpointServer replica =
                configure
                        .apply(
                                SseEndpointServer.builder()
                                        .port(0)
                                        .kafka(kafka.bootstrapServers())
                                        .kafkaTopics("eddy." + stream)
                                        .heartbeatInterval(Duration.ofSeconds(1)))
                        .build()
                        .start();
        replicas.add(replica);
        await().atMost(TIMEOUT).until(() -> status(replica, "/healthz") == 200);
        return replica;
    }

    private TestSseSubscriber subscribe(
            SseEndpointServer replica, String pathAndQuery, Map<String, String> headers) {
        TestSseSubscriber subscriber =
                TestSseSubscriber.open(replica.uri() + "/streams/" + pathAndQuery, headers);
        subscribers.add(subscriber);
        return subscriber;
    }

    private void awaitLive(SseEndpointServer replica, String stream, int count) {
        String sample =
                "eddy_endpoint_subscribers{stream=\"" + stream + "\"} " + (double) count + "\n";
        await().atMost(TIMEOUT).until(() -> get(replica, "/metrics").contains(sample));
    }

    private String get(SseEndpointServer replica, String path) throws IOException {
        Request request =
                new Request.Builder()
                        .url(replica.uri() + path)
                        .header("Authorization", "Bearer reader")
                        .build();
        try (Response response = http.newCall(request).execute()) {
            return response.body().string();
        }
    }

    private int status(SseEndpointServer replica, String path) throws IOException {
        try (Response response =
                http.newCall(new Request.Builder().url(replica.uri() + path).build()).execute()) {
            return response.code();
        }
    }

    private static void commit(String stream, List<ProducerRecord<String, String>> records) {
        producer.beginTransaction();
        for (ProducerRecord<String, String> record : records) {
            producer.send(
                    new ProducerRecord<>(
                            "eddy." + stream,
                            null,
                            record.timestamp(),
                            record.key(),
                            record.value()));
        }
        producer.commitTransaction();
    }

    private static List<ProducerRecord<String, String>> updates(
            String key, int firstRevision, int count) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int revision = firstRevision; revision < firstRevision + count; revision++) {
            records.add(update(key, "16:16", revision, false));
        }
        return records;
    }

    /** An aggregate-shaped record keyed {@code <key>@<window_start>} as the job writes it. */
    private static ProducerRecord<String, String> update(
            String key, String windowStart, int revision, boolean isFinal) {
        String start = "2018-03-07T" + windowStart + ":00Z";
        String end = Instant.parse(start).plusSeconds(60).toString();
        return new ProducerRecord<>(
                "ignored",
                key + "@" + start,
                "{\"stream\":\"edits\",\"key\":\""
                        + key
                        + "\",\"window_start\":\""
                        + start
                        + "\",\"window_end\":\""
                        + end
                        + "\",\"final\":"
                        + isFinal
                        + ",\"revision\":"
                        + revision
                        + ",\"events\":"
                        + (10 * revision)
                        + "}");
    }

    private static List<ProducerRecord<String, String>> timestamped(
            List<ProducerRecord<String, String>> records, long timestamp) {
        return records.stream()
                .map(
                        record ->
                                new ProducerRecord<>(
                                        record.topic(),
                                        null,
                                        timestamp,
                                        record.key(),
                                        record.value()))
                .collect(Collectors.toList());
    }

    private static List<String> ids(TestSseSubscriber subscriber) {
        return subscriber.events().stream().map(event -> event.id).collect(Collectors.toList());
    }

    private static List<String> data(TestSseSubscriber subscriber) {
        return subscriber.events().stream().map(event -> event.data).collect(Collectors.toList());
    }

    private static List<String> keys(TestSseSubscriber subscriber) {
        return subscriber.events().stream()
                .map(event -> event.data.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toList());
    }

    private static List<Integer> revisions(TestSseSubscriber subscriber) {
        return subscriber.events().stream()
                .map(
                        event ->
                                Integer.parseInt(
                                        event.data.replaceAll(".*\"revision\":(\\d+).*", "$1")))
                .collect(Collectors.toList());
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            range.add(i);
        }
        return range;
    }
}
