package dev.eddy.sse.replay;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;
import static org.apache.flink.util.Preconditions.checkState;

import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves a {@link Recording} as a real Server-Sent-Events stream over HTTP/1.1, for tests, demos
 * and benchmarks.
 *
 * <p>Every GET, at any path (say {@code /v2/stream/recentchange}), gets {@code text/event-stream;
 * charset=utf-8} with {@code Cache-Control: no-cache}. Where the stream starts:
 *
 * <ul>
 *   <li>{@code Last-Event-ID} header: right after the event with that id (an exact match, or for
 *       Wikimedia-style and decimal ids the last event at or before its offset on the same topic
 *       and partition). An unknown id starts from the beginning, announced by a comment line.
 *   <li>{@code ?since=} an ISO-8601 date-time or epoch millis: the first event whose event time is
 *       at or after it.
 *   <li>Neither: the start of the recording. (A live server would send only new events; a replay
 *       serves the whole recording.)
 * </ul>
 *
 * <p>At the end of the recording the response ends, unless the server loops (passes with ids and
 * event times shifted forward, see {@link Builder#loop}) or holds the stream open. Faults for
 * tests: {@link Builder#dropEvery}, {@link Builder#stallAfter}, {@link Builder#repeatOnResume} and
 * {@link #respondWith}.
 *
 * <pre>{@code
 * try (ReplayServer server = ReplayServer.builder()
 *         .recording(Recording.fromPath(Path.of("samples/recentchange.jsonl")))
 *         .dropEvery(500)
 *         .start()) {
 *     String url = server.url("/v2/stream/recentchange");
 *     ...
 * }
 * }</pre>
 */
public final class ReplayServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final String urlHost;
    private final ReplayStatistics statistics;
    private final CannedResponses cannedResponses;
    private final CountDownLatch stopping;

    private ReplayServer(
            Server server,
            ServerConnector connector,
            String urlHost,
            ReplayStatistics statistics,
            CannedResponses cannedResponses,
            CountDownLatch stopping) {
        this.server = server;
        this.connector = connector;
        this.urlHost = urlHost;
        this.statistics = statistics;
        this.cannedResponses = cannedResponses;
        this.stopping = stopping;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the one chosen, if it was started on port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The URL of this path on the server, e.g. {@code url("/v2/stream/recentchange")}. */
    public String url(String path) {
        return "http://" + urlHost + ":" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /**
     * Answers the next {@code times} requests with this status and these headers (name, value,
     * name, value, …) instead of the stream, e.g. {@code respondWith(2, 503, "Retry-After", "1")}
     * or {@code respondWith(1, 200, "Content-Type", "text/html")}. Queued answers are used in
     * order, after any queued earlier.
     */
    public ReplayServer respondWith(int times, int status, String... headerNamesAndValues) {
        cannedResponses.add(
                new CannedResponses.CannedResponse(times, status, headerNamesAndValues));
        return this;
    }

    /** Requests received so far: each is one connection attempt by an SSE client. */
    public int connectionsAccepted() {
        return statistics.requests();
    }

    /** Streams being served right now (stalled and held-open ones included). */
    public int openStreams() {
        return statistics.openStreams();
    }

    /** The {@code Last-Event-ID} headers of the requests that carried one, in arrival order. */
    public List<String> lastEventIdsReceived() {
        return statistics.lastEventIds();
    }

    /**
     * Events written to streams so far, over all connections (events in flight when a client
     * disconnects count as sent).
     */
    public long eventsSent() {
        return statistics.eventsSent();
    }

    /** Stops the server, ending every stream. */
    @Override
    public void close() throws Exception {
        stopping.countDown();
        server.stop();
    }

    /** Configures and starts a {@link ReplayServer}. */
    public static final class Builder {

        private Recording recording;
        private String host = "127.0.0.1";
        private int port;
        private double eventsPerSecond = Double.POSITIVE_INFINITY;
        private boolean loop;
        private int dropEvery;
        private int stallAfter = -1;
        private boolean holdOpenAtEnd;
        private long retryMillis = -1;
        private int repeatOnResume;
        private final List<CannedResponses.CannedResponse> cannedResponses = new ArrayList<>();

        private Builder() {}

        /** The events to serve (required). */
        public Builder recording(Recording recording) {
            this.recording = checkNotNull(recording, "recording");
            return this;
        }

        /** The address to listen on; 127.0.0.1 by default. */
        public Builder host(String host) {
            this.host = checkNotNull(host, "host");
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one, see {@link #port()}. */
        public Builder port(int port) {
            checkArgument(port >= 0 && port <= 65535, "port must be 0..65535, got %s", port);
            this.port = port;
            return this;
        }

        /** Paces each connection at this many events per second. */
        public Builder rate(double eventsPerSecond) {
            checkArgument(
                    eventsPerSecond > 0, "rate must be > 0 events/s, got %s", eventsPerSecond);
            this.eventsPerSecond = eventsPerSecond;
            return this;
        }

        /** Sends as fast as each client reads (the default). */
        public Builder unlimitedRate() {
            this.eventsPerSecond = Double.POSITIVE_INFINITY;
            return this;
        }

        /**
         * Repeats the recording forever. Pass {@code p} (from 0) moves Kafka offsets in ids and in
         * {@code meta.offset} forward by {@code p × (offset span + 1)}, decimal ids likewise, and
         * event times ({@code meta.dt}, {@code timestamp}) by {@code p ×} the recording's duration
         * (at least a second), so ids and times keep increasing. Pass 0 is served as recorded.
         */
        public Builder loop(boolean loop) {
            this.loop = loop;
            return this;
        }

        /** Drops each connection abruptly after it has carried {@code events} events; 0 never. */
        public Builder dropEvery(int events) {
            checkArgument(events >= 0, "dropEvery must be >= 0, got %s", events);
            this.dropEvery = events;
            return this;
        }

        /**
         * After {@code events} events on a connection, sends nothing more but keeps it open until
         * the client closes it (a silent stall, as a client's read timeout must detect).
         */
        public Builder stallAfter(int events) {
            checkArgument(events >= 0, "stallAfter must be >= 0, got %s", events);
            this.stallAfter = events;
            return this;
        }

        /**
         * Keeps a stream open, silent, once the recording is over (like a live stream gone quiet),
         * instead of ending the response.
         */
        public Builder holdOpenAtEnd(boolean holdOpen) {
            this.holdOpenAtEnd = holdOpen;
            return this;
        }

        /** Sends {@code retry: <millis>} at the start of each stream. */
        public Builder retryMillis(long millis) {
            checkArgument(millis >= 0, "retryMillis must be >= 0, got %s", millis);
            this.retryMillis = millis;
            return this;
        }

        /**
         * Resumes a stream after a known {@code Last-Event-ID} this many events early, so the
         * client gets events it already has again (as Wikimedia's timestamp-based ids can make it
         * happen); 0 (the default) resumes right after the id. Within the recording's pass, never
         * before its start.
         */
        public Builder repeatOnResume(int events) {
            if (events < 0) {
                throw new IllegalArgumentException("repeatOnResume must be >= 0, got " + events);
            }
            this.repeatOnResume = events;
            return this;
        }

        /**
         * Answers the first requests with this instead of the stream; see {@link
         * ReplayServer#respondWith}.
         */
        public Builder respondWith(int times, int status, String... headerNamesAndValues) {
            cannedResponses.add(
                    new CannedResponses.CannedResponse(times, status, headerNamesAndValues));
            return this;
        }

        /**
         * Builds the server and starts listening. The server keeps a copy of the settings: changing
         * or reusing the builder afterwards does not change it.
         */
        public ReplayServer start() throws IOException {
            checkState(recording != null, "Set the recording to replay with recording(...)");
            ReplaySettings settings =
                    new ReplaySettings(
                            eventsPerSecond,
                            loop,
                            dropEvery,
                            stallAfter,
                            holdOpenAtEnd,
                            retryMillis,
                            repeatOnResume);
            ReplayStatistics statistics = new ReplayStatistics();
            CannedResponses canned = new CannedResponses();
            cannedResponses.forEach(response -> canned.add(response.fresh()));
            CountDownLatch stopping = new CountDownLatch(1);

            List<byte[]> firstPassEvents = new ArrayList<>(recording.size());
            for (ReplayEvent event : recording.events()) {
                firstPassEvents.add(ReplayStream.encode(event));
            }

            QueuedThreadPool threads = new QueuedThreadPool(512, 4);
            threads.setName("replay-server");
            Server server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            ServerConnector connector =
                    new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            server.addConnector(connector);
            server.setHandler(
                    new ReplayHandler(
                            new RecordingIndex(recording, loop),
                            firstPassEvents,
                            settings,
                            statistics,
                            canned,
                            stopping));
            try {
                server.start();
            } catch (Exception e) {
                stopAfterFailedStart(server, e);
                if (e instanceof BindException || e.getCause() instanceof BindException) {
                    throw new IOException(
                            "Cannot listen on "
                                    + host
                                    + ":"
                                    + port
                                    + " (in use?): choose another port, or 0 for a free one",
                            e);
                }
                throw new IOException("Cannot start the replay server on " + host + ":" + port, e);
            }
            String urlHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
            return new ReplayServer(server, connector, urlHost, statistics, canned, stopping);
        }

        private static void stopAfterFailedStart(Server server, Exception startFailure) {
            try {
                server.stop();
            } catch (Exception e) {
                startFailure.addSuppressed(e);
            }
        }
    }
}
