package dev.eddy.sse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.sse.server.SseEndpointServer;
import dev.eddy.sse.server.TestSseSubscriber;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushSenderITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final PushSender.Counters counters =
            new PushSender.Counters(
                    new ThreadSafeSimpleCounter(),
                    new ThreadSafeSimpleCounter(),
                    new ThreadSafeSimpleCounter());
    private PushSender sender;
    private SseEndpointServer server;
    private TestSseSubscriber subscriber;

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void recordsBufferedWhileTheEndpointIsDownAreSentWhenItComesUp() throws Exception {
        int port = freePort();
        sender =
                new PushSender(
                        settings("http://127.0.0.1:" + port, "secret"), counters, "test-sender");
        for (int n = 0; n < 10; n++) {
            sender.offer(new SsePushRecord("counts", "{\"n\":" + n + "}"));
        }
        await().atMost(TIMEOUT).until(() -> counters.failedRequests.getCount() > 0);

        server = SseEndpointServer.builder().port(port).publishToken("secret").build().start();

        await().atMost(TIMEOUT).until(() -> counters.sent.getCount() == 10);
        subscriber = TestSseSubscriber.open(server.uri() + "/streams/counts?last-event-id=0");
        await().atMost(TIMEOUT).until(() -> subscriber.events().size() == 10);
        assertThat(counters.dropped.getCount()).isZero();
    }

    @Test
    void aFullBufferDropsTheOldestRecordsWithoutBlocking() throws Exception {
        SsePushSinkSettings settings = settings("http://127.0.0.1:" + freePort(), "secret");
        settings.bufferCapacity = 5;
        sender = new PushSender(settings, counters, "test-sender");

        for (int n = 0; n < 1_000; n++) {
            sender.offer(new SsePushRecord("counts", "{\"n\":" + n + "}"));
        }

        assertThat(counters.dropped.getCount())
                .isGreaterThanOrEqualTo(1_000 - 5 - settings.batchSize);
        assertThat(sender.buffered()).isLessThanOrEqualTo(5 + settings.batchSize);
    }

    @Test
    void aRejectedTokenDropsTheBatchAndCountsTheFailure() throws Exception {
        server = SseEndpointServer.builder().port(0).publishToken("secret").build().start();
        sender =
                new PushSender(settings(server.uri().toString(), "wrong"), counters, "test-sender");

        sender.offer(new SsePushRecord("counts", "{\"n\":1}"));

        await().atMost(TIMEOUT).until(() -> counters.dropped.getCount() == 1);
        assertThat(counters.failedRequests.getCount()).isEqualTo(1);
        assertThat(counters.sent.getCount()).isZero();
    }

    @Test
    void awaitDrainedDoesNotWaitWhileTheEndpointIsDown() throws Exception {
        sender =
                new PushSender(
                        settings("http://127.0.0.1:" + freePort(), "secret"),
                        counters,
                        "test-sender");
        sender.offer(new SsePushRecord("counts", "{\"n\":1}"));
        await().atMost(TIMEOUT).until(() -> counters.failedRequests.getCount() > 0);

        long started = System.nanoTime();
        boolean drained = sender.awaitDrained(Duration.ofMinutes(10).toMillis());

        assertThat(drained).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void awaitDrainedReturnsOnceEverythingIsSent() throws Exception {
        server = SseEndpointServer.builder().port(0).publishToken("secret").build().start();
        SsePushSinkSettings settings = settings(server.uri().toString(), "secret");
        settings.linger = Duration.ofMinutes(10);
        sender = new PushSender(settings, counters, "test-sender");
        sender.offer(new SsePushRecord("counts", "{\"n\":1}"));

        assertThat(sender.awaitDrained(TIMEOUT.toMillis())).isTrue();
        assertThat(counters.sent.getCount()).isEqualTo(1);
    }

    private static SsePushSinkSettings settings(String endpoint, String token) {
        SsePushSinkSettings settings = new SsePushSinkSettings();
        settings.endpoint = endpoint;
        settings.publishToken = token;
        settings.linger = Duration.ofMillis(10);
        settings.initialBackoff = Duration.ofMillis(20);
        settings.maxBackoff = Duration.ofMillis(200);
        settings.requestTimeout = Duration.ofSeconds(5);
        return settings;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
