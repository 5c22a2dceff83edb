package dev.eddy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.faults.testing.EndpointProcess;
import dev.eddy.faults.testing.FaultOutcomes;
import dev.eddy.faults.testing.Publisher;
import dev.eddy.sse.server.TestSseSubscriber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults at the SSE endpoint, run as its own JVM: a crash or a restart mid-stream, slow and stalled
 * subscribers, a flood of bad requests. Ids never go back, a subscriber resuming with its
 * Last-Event-ID gets every record after it that the history still holds, once; no subscriber slows
 * the others; bad requests get 4xx answers and leave no garbage behind.
 */
class EndpointFaultsITCase {

    private static final String TOKEN = "fault-suite-publish-token";
    private static final String STREAM = "activity";
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void aCrashMidStreamNeverRepeatsIdsAndAResumingSubscriberGetsTheHistoryAfterItsIdOnce()
            throws Exception {
        restartMidStream(true);
    }

    @Test
    void aCleanRestartMidStreamNeverRepeatsIdsAndAResumingSubscriberGetsTheHistoryAfterItsIdOnce()
            throws Exception {
        restartMidStream(false);
    }

    private void restartMidStream(boolean crash) throws Exception {
        try (EndpointProcess endpoint = EndpointProcess.start(directory, TOKEN)) {
            TestSseSubscriber before = TestSseSubscriber.open(streamUrl(endpoint));
            await().atMost(PATIENCE).until(() -> subscribers(endpoint) == 1);
            try (Publisher publisher = Publisher.start(endpoint.uri(), STREAM, TOKEN, 400)) {
                await().atMost(PATIENCE).until(() -> before.events().size() >= 150);

                long down = System.nanoTime();
                if (crash) {
                    endpoint.kill();
                } else {
                    endpoint.stop();
                }
                publisher.generation(2);
                endpoint.restart();
                String back = FaultOutcomes.secondsSince(down);
                await().atMost(PATIENCE).until(before::ended);
                List<Long> seenBefore = before.ids();
                long lastSeen = seenBefore.get(seenBefore.size() - 1);
                TestSseSubscriber resumed =
                        TestSseSubscriber.open(
                                streamUrl(endpoint),
                                Map.of("Last-Event-ID", Long.toString(lastSeen)));
                publisher.awaitDone(PATIENCE);
                List<Publisher.Accepted> accepted = publisher.accepted();
                List<Long> afterRestart =
                        accepted.stream()
                                .filter(record -> record.generation() == 2)
                                .map(Publisher.Accepted::id)
                                .toList();
                await().atMost(PATIENCE)
                        .until(() -> resumed.events().size() >= afterRestart.size());
                resumed.close();

                List<Long> ids = accepted.stream().map(Publisher.Accepted::id).toList();
                assertThat(ids).as("ids in publishing order").isSorted().doesNotHaveDuplicates();
                assertThat(ids).hasSize(400);
                long lastBefore =
                        accepted.stream()
                                .filter(record -> record.generation() == 1)
                                .mapToLong(Publisher.Accepted::id)
                                .max()
                                .orElseThrow();
                assertThat(afterRestart).allSatisfy(id -> assertThat(id).isGreaterThan(lastBefore));
                // A batch in flight at the kill may reach subscribers without its answer reaching
                // the publisher: such records can only be the last ones seen.
                List<Long> acknowledgedSeen = seenBefore.stream().filter(ids::contains).toList();
                assertThat(seenBefore.subList(0, acknowledgedSeen.size()))
                        .as("what the subscriber got before the restart")
                        .isEqualTo(ids.subList(0, acknowledgedSeen.size()));
                assertThat(resumed.ids())
                        .as(
                                "the resumed subscriber: every record after its id in the history, once")
                        .isEqualTo(afterRestart);
                assertThat(resumed.events())
                        .extracting(event -> event.data)
                        .isEqualTo(
                                accepted.stream()
                                        .filter(record -> record.generation() == 2)
                                        .map(Publisher.Accepted::json)
                                        .toList());
                FaultOutcomes.record(
                        crash
                                ? "SSE endpoint SIGKILLed mid-stream, restarted on its port and state"
                                : "SSE endpoint stopped (SIGTERM) mid-stream, restarted on its port and state",
                        "endpoint serving again "
                                + back
                                + " after the "
                                + (crash ? "kill" : "stop")
                                + "; 400 ids strictly increasing; "
                                + (400 - afterRestart.size())
                                + " accepted before, "
                                + afterRestart.size()
                                + " after; the resumed subscriber got all "
                                + afterRestart.size()
                                + " records after its id in the history, once");
            }
        }
    }

    @Test
    void slowAndStalledSubscribersAreCutOffWithoutDelayingTheOthers() throws Exception {
        try (EndpointProcess endpoint = EndpointProcess.start(directory, TOKEN);
                Socket stalled = openRawSubscription(endpoint, 4096);
                Socket slow = openRawSubscription(endpoint, 4096)) {
            TestSseSubscriber fast = TestSseSubscriber.open(streamUrl(endpoint));
            AtomicBoolean slowDrain = new AtomicBoolean();
            AtomicBoolean slowEnded = new AtomicBoolean();
            AtomicLong slowBytes = new AtomicLong();
            Thread slowReader = readSlowly(slow, slowBytes, slowDrain, slowEnded);
            await().atMost(PATIENCE).until(() -> subscribers(endpoint) == 3);

            long start = System.nanoTime();
            String padding = "x".repeat(4096);
            int records = 0;
            for (int batch = 0; batch < 80; batch++) {
                List<String> json = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    records++;
                    json.add(
                            "{\"key\":\"k\",\"revision\":"
                                    + records
                                    + ",\"window_start\":\"w\",\"padding\":\""
                                    + padding
                                    + "\"}");
                }
                assertThat(publish(endpoint, "[" + String.join(",", json) + "]").statusCode())
                        .isEqualTo(202);
            }
            int published = records;
            await().atMost(PATIENCE).until(() -> fast.events().size() == published);
            String fastDone = FaultOutcomes.secondsSince(start);
            await().atMost(PATIENCE).until(() -> subscribers(endpoint) == 1);
            long slowRead = slowBytes.get();
            slowDrain.set(true);
            await().atMost(PATIENCE).until(slowEnded::get);
            slowReader.join(PATIENCE.toMillis());

            assertThat(fast.ids()).isSorted().doesNotHaveDuplicates().hasSize(published);
            assertThat(metric(endpoint, "eddy_endpoint_slow_subscriber_drops_total")).isEqualTo(2);
            assertThat(streamEnds(stalled.getInputStream()))
                    .as("the stalled one is cut off")
                    .isTrue();
            fast.close();
            FaultOutcomes.record(
                    "a subscriber that never reads and one reading 12 KB/s, 4,000 records of 4 KB",
                    "the fast subscriber got all "
                            + published
                            + " records in "
                            + fastDone
                            + "; both others disconnected (queue bound), the slow one after reading "
                            + slowRead / 1024
                            + " KiB");
        }
    }

    @Test
    void fiveThousandBadRequestsGetNoServerErrorAndLeaveNoHeapBehind() throws Exception {
        try (EndpointProcess endpoint = EndpointProcess.start(directory, TOKEN)) {
            sendBadRequests(endpoint, 500);
            long heapBefore = endpoint.heapAfterGc();
            long start = System.nanoTime();
            Map<Integer, Integer> statuses = sendBadRequests(endpoint, 5000);
            String took = FaultOutcomes.secondsSince(start);
            long heapAfter = endpoint.heapAfterGc();

            assertThat(statuses).as("answers").doesNotContainKey(500);
            assertThat(statuses.keySet())
                    .as("answers")
                    .allMatch(
                            status -> status >= 400 && status < 500 || status == 505,
                            "4xx, or 505 (Jetty's answer to the line that is not HTTP)");
            assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(5000);
            assertThat((double) heapAfter).isLessThanOrEqualTo(heapBefore * 1.10);
            assertThat(publish(endpoint, Publisher.record(1)).statusCode())
                    .as("still serving good requests")
                    .isEqualTo(202);
            FaultOutcomes.record(
                    "5,000 bad requests (malformed, unauthorized, oversized, unknown, garbage)",
                    "answers "
                            + statuses
                            + " in "
                            + took
                            + ", no 500; heap after GC "
                            + heapBefore / 1024
                            + " KiB before, "
                            + heapAfter / 1024
                            + " KiB after ("
                            + String.format(
                                    "%+.1f%%", 100.0 * (heapAfter - heapBefore) / heapBefore)
                            + ")");
        }
    }

    /**
     * Sends {@code count} bad requests of a dozen kinds in turn, each on its own connection
     * (malformed, unauthorized, not objects, bad names, unknown paths, wrong methods, nesting
     * beyond the parser's limit, empty, not HTTP, a 50 MB body announced, a 20 KB header); returns
     * the statuses answered.
     */
    private static Map<Integer, Integer> sendBadRequests(EndpointProcess endpoint, int count)
            throws IOException {
        String path = "/streams/" + STREAM;
        List<String> requests =
                List.of(
                        post(path, TOKEN, "{\"key\": "),
                        post(path, null, Publisher.record(1)),
                        post(path, "wrong-token", Publisher.record(1)),
                        post(path, TOKEN, "[1, 2, 3]"),
                        post("/streams/bad%20name%21", TOKEN, "{}"),
                        request("GET /streams/no-such-stream", ""),
                        request("GET /no/such/resource", ""),
                        request("PUT " + path, "Content-Length: 2\r\n\r\n{}"),
                        post(path, TOKEN, "[".repeat(5000) + "]".repeat(5000)),
                        post(path, TOKEN, ""),
                        "HELLO THERE\r\n\r\n",
                        request(
                                "POST " + path,
                                "Authorization: Bearer "
                                        + TOKEN
                                        + "\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n[1,"),
                        request("GET " + path, "X-Big: " + "y".repeat(20_000) + "\r\n\r\n"));
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            statuses.merge(
                    rawRequest(endpoint, requests.get(i % requests.size())), 1, Integer::sum);
        }
        return statuses;
    }

    private static String post(String path, String token, String body) {
        return request(
                "POST " + path,
                (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                        + "Content-Type: application/json\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length
                        + "\r\n\r\n"
                        + body);
    }

    /** A request line, then headers and body as given, on a connection closed after the answer. */
    private static String request(String methodAndPath, String headersAndBody) {
        return methodAndPath
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (headersAndBody.isEmpty() ? "\r\n" : headersAndBody);
    }

    /** Sends raw bytes on a new connection; returns the status of the answer. */
    private static int rawRequest(EndpointProcess endpoint, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            byte[] head = socket.getInputStream().readNBytes(12);
            String statusLine = new String(head, StandardCharsets.ISO_8859_1);
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException(
                        "not an HTTP answer to "
                                + request.lines().findFirst().orElse("")
                                + ": "
                                + statusLine);
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static HttpResponse<String> publish(EndpointProcess endpoint, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(endpoint.uri().resolve("/streams/" + STREAM))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A subscription on a plain socket with a small receive buffer, not read by anyone yet. */
    private static Socket openRawSubscription(EndpointProcess endpoint, int receiveBuffer)
            throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", endpoint.port()));
        OutputStream out = socket.getOutputStream();
        out.write(
                ("GET /streams/"
                                + STREAM
                                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * Reads 256 bytes every 20 ms (about 12 KB/s) until {@code drain} is set, then reads what is
     * left as fast as it can, until the stream ends.
     */
    private static Thread readSlowly(
            Socket socket, AtomicLong bytes, AtomicBoolean drain, AtomicBoolean ended) {
        Thread reader =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[256];
                            try (InputStream in = socket.getInputStream()) {
                                int read;
                                while (!drain.get() && (read = in.read(buffer)) >= 0) {
                                    bytes.addAndGet(read);
                                    Thread.sleep(20);
                                }
                                streamEnds(in);
                            } catch (IOException | InterruptedException e) {
                                // reset by the endpoint: ended as well
                            } finally {
                                ended.set(true);
                            }
                        },
                        "slow-subscriber");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Drains what the endpoint had sent and says whether the stream then ended. */
    private static boolean streamEnds(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // what was in flight before the endpoint cut the connection
            }
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private static String streamUrl(EndpointProcess endpoint) {
        return endpoint.uri() + "/streams/" + STREAM;
    }

    private static long subscribers(EndpointProcess endpoint) throws Exception {
        return metric(endpoint, "eddy_endpoint_subscribers{stream=\"" + STREAM + "\"}");
    }

    private static long metric(EndpointProcess endpoint, String name) throws Exception {
        String text =
                HTTP.send(
                                HttpRequest.newBuilder(endpoint.uri().resolve("/metrics")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        Predicate<String> sample = line -> line.startsWith(name + " ");
        return text.lines()
                .filter(sample)
                .mapToLong(
                        line -> (long) Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in\n" + text));
    }
}
