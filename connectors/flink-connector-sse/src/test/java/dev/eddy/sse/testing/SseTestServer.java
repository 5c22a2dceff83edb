package dev.eddy.sse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eddy.sse.protocol.SseEventWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * A real SSE server on loopback for the connector's tests, on the JDK's HTTP server. Every GET, at
 * any path, is answered with the configured events as {@code text/event-stream}, resuming right
 * after the event whose id the request's {@code Last-Event-ID} names (from the start for an id it
 * does not know). Faults: a pace, dropping each connection abruptly after some events, stalling
 * (silent, open) after some events, and canned answers instead of the stream. It records every
 * request it receives.
 *
 * <pre>{@code
 * try (SseTestServer server = SseTestServer.builder().events(TestEvents.numbered(100))
 *         .dropEvery(30).holdOpenAtEnd(true).start()) {
 *     String url = server.url("/stream");
 *     ...
 * }
 * }</pre>
 */
public final class SseTestServer implements AutoCloseable {

    /** One event to serve. A null id or type is left out of the stream. */
    public record Event(@Nullable String id, @Nullable String type, String data) {
        public Event {
            Objects.requireNonNull(data, "data");
        }
    }

    /** One request as the server received it; header names lower case, first value each. */
    public record ReceivedRequest(
            String method, String path, @Nullable String query, Map<String, String> headers) {

        /** The {@code Last-Event-ID} header decoded as UTF-8, or null if there was none. */
        public @Nullable String lastEventId() {
            return headers.get("last-event-id");
        }
    }

    private final HttpServer http;
    private final ExecutorService threads;
    private final Settings settings;
    private final List<byte[]> encodedEvents;
    private final CannedAnswers canned;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicLong eventsSent = new AtomicLong();

    /** What a builder had set when the server started. */
    private record Settings(
            List<Event> events,
            int port,
            double eventsPerSecond,
            boolean holdOpenAtEnd,
            int dropEvery,
            int stallAfter,
            long retryMillis) {}

    private SseTestServer(Settings settings, List<CannedAnswer> cannedAnswers) throws IOException {
        this.settings = settings;
        this.canned = new CannedAnswers(cannedAnswers);
        this.encodedEvents = new ArrayList<>(settings.events().size());
        for (Event event : settings.events()) {
            StringBuilder text = new StringBuilder();
            SseEventWriter.appendEvent(text, event.id(), event.type(), event.data());
            encodedEvents.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        this.threads =
                Executors.newCachedThreadPool(
                        runnable -> {
                            Thread thread = new Thread(runnable, "sse-test-server");
                            thread.setDaemon(true);
                            return thread;
                        });
        this.http =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()),
                        50);
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The URL of a path on this server, e.g. {@code url("/v2/stream/recentchange")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /**
     * Answers the next {@code times} requests with this status and headers (name, value, …) instead
     * of the stream, after any answers queued before.
     */
    public SseTestServer respondWith(int times, int status, String... headerNamesAndValues) {
        canned.add(new CannedAnswer(times, status, headerNamesAndValues));
        return this;
    }

    /** Requests received so far, each one connection attempt of a client. */
    public int connectionsAccepted() {
        return requests.size();
    }

    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The {@code Last-Event-ID}s of the requests that carried one, in arrival order. */
    public List<String> lastEventIdsReceived() {
        return requests.stream()
                .map(ReceivedRequest::lastEventId)
                .filter(Objects::nonNull)
                .toList();
    }

    /** Streams being answered right now (stalled and held-open ones included). */
    public int openStreams() {
        return openStreams.get();
    }

    /** Events flushed to clients so far, over all connections. */
    public long eventsSent() {
        return eventsSent.get();
    }

    /** Stops the server and ends every stream. */
    @Override
    public void close() {
        stopping.countDown();
        http.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        ReceivedRequest request = received(exchange);
        requests.add(request);
        CannedAnswer answer = canned.take();
        if (answer != null) {
            try (exchange) {
                answer.send(exchange);
            }
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            try (exchange) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            }
            return;
        }
        openStreams.incrementAndGet();
        try {
            stream(exchange, startIndex(request.lastEventId()));
            exchange.close();
        } finally {
            openStreams.decrementAndGet();
        }
    }

    private void stream(HttpExchange exchange, int start) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (settings.retryMillis() >= 0) {
            out.write(
                    SseEventWriter.appendRetry(new StringBuilder(), settings.retryMillis())
                            .toString()
                            .getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        long startNanos = System.nanoTime();
        int sent = 0;
        int unflushed = 0;
        for (int index = start; index < encodedEvents.size(); index++) {
            if (sent == settings.stallAfter()) {
                flush(out, unflushed);
                awaitStop();
                return;
            }
            if (settings.eventsPerSecond() > 0) {
                long due = startNanos + (long) (sent * 1e9 / settings.eventsPerSecond());
                long waitNanos = due - System.nanoTime();
                if (waitNanos > 0) {
                    flush(out, unflushed);
                    unflushed = 0;
                    if (awaitStop(waitNanos)) {
                        return;
                    }
                }
            }
            out.write(encodedEvents.get(index));
            sent++;
            unflushed++;
            if (sent == settings.dropEvery()) {
                flush(out, unflushed);
                // Thrown before the exchange is closed, so the JDK server closes the connection
                // without the last chunk: the client sees the stream cut off mid-way.
                throw new IOException("dropping the connection after " + sent + " events");
            }
        }
        flush(out, unflushed);
        if (settings.holdOpenAtEnd()) {
            awaitStop();
        }
    }

    private void flush(OutputStream out, int events) throws IOException {
        out.flush();
        eventsSent.addAndGet(events);
    }

    private int startIndex(@Nullable String lastEventId) {
        if (lastEventId == null || lastEventId.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < settings.events().size(); i++) {
            if (lastEventId.equals(settings.events().get(i).id())) {
                return i + 1;
            }
        }
        return 0;
    }

    private void awaitStop() {
        awaitStop(Long.MAX_VALUE);
    }

    /** True if the server is stopping. */
    private boolean awaitStop(long nanos) {
        try {
            return stopping.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static ReceivedRequest received(HttpExchange exchange) {
        Map<String, String> headers =
                exchange.getRequestHeaders().entrySet().stream()
                        .collect(
                                Collectors.toUnmodifiableMap(
                                        entry -> entry.getKey().toLowerCase(),
                                        entry -> asUtf8(entry.getValue().get(0)),
                                        (first, second) -> first));
        return new ReceivedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                headers);
    }

    /** The JDK server reads header bytes as ISO-8859-1; clients send UTF-8 as browsers do. */
    private static String asUtf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** One canned answer: status, headers as name/value pairs, how many requests it answers. */
    static final class CannedAnswer {
        private final int status;
        private final List<String> headers;
        private int remaining;

        CannedAnswer(int times, int status, String... headerNamesAndValues) {
            if (times < 1 || status < 100 || status > 599 || headerNamesAndValues.length % 2 != 0) {
                throw new IllegalArgumentException(
                        "need times >= 1, an HTTP status and header name/value pairs");
            }
            this.remaining = times;
            this.status = status;
            this.headers = List.of(headerNamesAndValues);
        }

        CannedAnswer copy() {
            return new CannedAnswer(remaining, status, headers.toArray(String[]::new));
        }

        void send(HttpExchange exchange) throws IOException {
            for (int i = 0; i < headers.size(); i += 2) {
                exchange.getResponseHeaders().add(headers.get(i), headers.get(i + 1));
            }
            if (status == 204 || status == 304 || (status >= 300 && status < 400)) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            }
            byte[] body =
                    ("Canned answer of the test server: HTTP " + status + "\n")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Canned answers waiting for the next requests, in the order queued. */
    static final class CannedAnswers {
        private final List<CannedAnswer> queue;

        CannedAnswers(List<CannedAnswer> initial) {
            this.queue = new ArrayList<>(initial);
        }

        synchronized void add(CannedAnswer answer) {
            queue.add(answer);
        }

        synchronized @Nullable CannedAnswer take() {
            if (queue.isEmpty()) {
                return null;
            }
            CannedAnswer head = queue.get(0);
            if (--head.remaining == 0) {
                queue.remove(0);
            }
            return head;
        }
    }

    /** Configures and starts an {@link SseTestServer}. */
    public static final class Builder {
        private final List<Event> events = new ArrayList<>();
        private final List<CannedAnswer> canned = new ArrayList<>();
        private int port;
        private double eventsPerSecond;
        private boolean holdOpenAtEnd;
        private int dropEvery;
        private int stallAfter = -1;
        private long retryMillis = -1;

        private Builder() {}

        public Builder events(List<Event> events) {
            this.events.addAll(events);
            return this;
        }

        public Builder event(@Nullable String id, @Nullable String type, String data) {
            events.add(new Event(id, type, data));
            return this;
        }

        /** Listens on this port (0, the default, picks a free one): restart on the same port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Paces each connection at this many events per second. */
        public Builder rate(double eventsPerSecond) {
            if (!(eventsPerSecond > 0)) {
                throw new IllegalArgumentException("rate must be > 0, got " + eventsPerSecond);
            }
            this.eventsPerSecond = eventsPerSecond;
            return this;
        }

        /** Sends as fast as the client reads (the default). */
        public Builder unlimitedRate() {
            this.eventsPerSecond = 0;
            return this;
        }

        /** Keeps a stream open and silent after its last event instead of ending it. */
        public Builder holdOpenAtEnd(boolean holdOpen) {
            this.holdOpenAtEnd = holdOpen;
            return this;
        }

        /** Cuts each connection off after it carried this many events; 0 never. */
        public Builder dropEvery(int events) {
            this.dropEvery = events;
            return this;
        }

        /** Sends nothing more, keeping the connection open, after this many events on it. */
        public Builder stallAfter(int events) {
            this.stallAfter = events;
            return this;
        }

        /** Starts every stream with {@code retry: <millis>}. */
        public Builder retryMillis(long millis) {
            this.retryMillis = millis;
            return this;
        }

        /** Answers the first {@code times} requests with this status and headers. */
        public Builder respondWith(int times, int status, String... headerNamesAndValues) {
            canned.add(new CannedAnswer(times, status, headerNamesAndValues));
            return this;
        }

        public SseTestServer start() throws IOException {
            List<CannedAnswer> answers = new ArrayList<>();
            for (CannedAnswer answer : canned) {
                answers.add(answer.copy());
            }
            return new SseTestServer(
                    new Settings(
                            List.copyOf(events),
                            port,
                            eventsPerSecond,
                            holdOpenAtEnd,
                            dropEvery,
                            stallAfter,
                            retryMillis),
                    answers);
        }
    }
}
