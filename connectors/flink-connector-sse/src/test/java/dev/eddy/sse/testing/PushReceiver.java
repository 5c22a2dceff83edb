package dev.eddy.sse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on loopback for the push sink's tests: takes {@code POST /streams/<name>}
 * with a JSON array body and {@code Authorization: Bearer <token>} (401 for any other token),
 * answers 204 and records each accepted batch. It can answer the next requests with a given status
 * instead, or hold each answer for a while (a slow endpoint).
 */
public final class PushReceiver implements AutoCloseable {

    /** One accepted request: the stream it was posted to and its records as JSON texts. */
    public record Batch(String stream, List<String> records) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final HttpServer http;
    private final ExecutorService threads;
    private final List<Batch> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final Deque<int[]> canned = new ArrayDeque<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Duration answerDelay = Duration.ZERO;

    private PushReceiver(String token, int port) throws IOException {
        this.token = token;
        this.threads =
                Executors.newCachedThreadPool(
                        runnable -> {
                            Thread thread = new Thread(runnable, "push-receiver");
                            thread.setDaemon(true);
                            return thread;
                        });
        this.http =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Starts a receiver on a free port that accepts this publish token. */
    public static PushReceiver start(String token) throws IOException {
        return start(token, 0);
    }

    /** Starts a receiver on this port (e.g. one a sender already tries) for this token. */
    public static PushReceiver start(String token, int port) throws IOException {
        return new PushReceiver(token, port);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Answers the next {@code times} requests with {@code status}, recording nothing. */
    public synchronized PushReceiver respondWith(int times, int status) {
        canned.addLast(new int[] {times, status});
        return this;
    }

    /** Holds every answer this long before sending it (a slow endpoint). */
    public PushReceiver delayAnswers(Duration delay) {
        this.answerDelay = delay;
        return this;
    }

    public List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** The records accepted for a stream, in arrival order. */
    public List<String> records(String stream) {
        List<String> records = new ArrayList<>();
        for (Batch batch : batches) {
            if (batch.stream().equals(stream)) {
                records.addAll(batch.records());
            }
        }
        return records;
    }

    /** Requests received, accepted or not. */
    public int requests() {
        return requests.get();
    }

    /** Requests refused for a wrong or missing token. */
    public int rejectedForToken() {
        return rejected.get();
    }

    @Override
    public void close() {
        stopping.countDown();
        http.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!answerDelay.isZero()
                    && stopping.await(answerDelay.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
            Integer status = takeCanned();
            if (status != null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith("/streams/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!("Bearer " + token)
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                rejected.incrementAndGet();
                byte[] answer = "wrong publish token".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            List<String> records = new ArrayList<>();
            for (JsonNode record : JSON.readTree(body)) {
                records.add(record.toString());
            }
            batches.add(new Batch(path.substring("/streams/".length()), List.copyOf(records)));
            exchange.sendResponseHeaders(204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Integer takeCanned() {
        int[] head = canned.peekFirst();
        if (head == null) {
            return null;
        }
        if (--head[0] == 0) {
            canned.removeFirst();
        }
        return head[1];
    }
}
