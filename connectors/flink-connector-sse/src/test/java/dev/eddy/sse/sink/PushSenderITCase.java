package dev.eddy.sse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.sse.testing.PushReceiver;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The push sink's sender against a real HTTP receiver on loopback. */
class PushSenderITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final PushSender.Counters counters =
            new PushSender.Counters(
                    new ThreadSafeSimpleCounter(),
                    new ThreadSafeSimpleCounter(),
                    new ThreadSafeSimpleCounter());
    private PushSender sender;
    private PushReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
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

        receiver = PushReceiver.start("secret", port);

        await().atMost(TIMEOUT).until(() -> counters.sent.getCount() == 10);
        assertThat(receiver.records("counts")).containsExactlyElementsOf(numbered(10));
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
        receiver = PushReceiver.start("secret");
        sender = new PushSender(settings(receiver.url(), "wrong"), counters, "test-sender");

        sender.offer(new SsePushRecord("counts", "{\"n\":1}"));

        await().atMost(TIMEOUT).until(() -> counters.dropped.getCount() == 1);
        assertThat(counters.failedRequests.getCount()).isEqualTo(1);
        assertThat(counters.sent.getCount()).isZero();
        assertThat(receiver.rejectedForToken()).isEqualTo(1);
        assertThat(receiver.batches()).isEmpty();
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
        receiver = PushReceiver.start("secret");
        SsePushSinkSettings settings = settings(receiver.url(), "secret");
        settings.linger = Duration.ofMinutes(10);
        sender = new PushSender(settings, counters, "test-sender");
        sender.offer(new SsePushRecord("counts", "{\"n\":1}"));

        assertThat(sender.awaitDrained(TIMEOUT.toMillis())).isTrue();
        assertThat(counters.sent.getCount()).isEqualTo(1);
        assertThat(receiver.records("counts")).containsExactly("{\"n\":1}");
    }

    @Test
    void aServerErrorIsRetriedUntilTheBatchIsAccepted() throws Exception {
        receiver = PushReceiver.start("secret").respondWith(2, 503);
        sender = new PushSender(settings(receiver.url(), "secret"), counters, "test-sender");

        sender.offer(new SsePushRecord("counts", "{\"n\":1}"));

        await().atMost(TIMEOUT).until(() -> counters.sent.getCount() == 1);
        assertThat(counters.failedRequests.getCount()).isEqualTo(2);
        assertThat(receiver.requests()).isEqualTo(3);
        assertThat(receiver.records("counts")).containsExactly("{\"n\":1}");
    }

    @Test
    void recordsOfSeveralStreamsGoToTheirOwnPaths() throws Exception {
        receiver = PushReceiver.start("secret");
        sender = new PushSender(settings(receiver.url(), "secret"), counters, "test-sender");

        sender.offer(new SsePushRecord("a", "{\"n\":1}"));
        sender.offer(new SsePushRecord("b", "{\"n\":2}"));
        sender.offer(new SsePushRecord("a", "{\"n\":3}"));

        await().atMost(TIMEOUT).until(() -> counters.sent.getCount() == 3);
        assertThat(receiver.records("a")).containsExactly("{\"n\":1}", "{\"n\":3}");
        assertThat(receiver.records("b")).containsExactly("{\"n\":2}");
    }

    private static List<String> numbered(int count) {
        return IntStream.range(0, count).mapToObj(n -> "{\"n\":" + n + "}").toList();
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
