package dev.eddy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.faults.testing.CommittedFinals;
import dev.eddy.faults.testing.FaultOutcomes;
import dev.eddy.faults.testing.FaultRecording;
import dev.eddy.faults.testing.JobRun;
import dev.eddy.faults.testing.SharedFaultCluster;
import dev.eddy.sse.replay.ReplayServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of the stream itself, through the job jar on the standalone cluster: connections dropped,
 * a silent stall, rate limiting and unavailability with {@code Retry-After}, the server restarted
 * on its port, a server repeating events on resume. The source reconnects with {@code
 * Last-Event-ID} each time; the committed {@code read_committed} finals equal the undisturbed run's
 * (the independent computation over the recording), each window's final committed once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamFaultsITCase {

    @RegisterExtension static final SharedFaultCluster CLUSTER = new SharedFaultCluster();

    private static final FaultRecording RECORDING = FaultRecording.sample();
    private static final Map<String, ObjectNode> EXPECTED = RECORDING.expectedFinals();

    /**
     * The stall scenario waits out the source's idle timeout (a minute): it runs beside the others
     * from the start of the class, on the recording moved a day later so that its windows are its
     * own, and its test comes last.
     */
    private static final FaultRecording STALLING = RECORDING.aDayLater();

    private static final int STALL_AFTER = 2000;

    private static ReplayServer stallingStream;
    private static JobRun stallingRun;
    private static CompletableFuture<Duration> stallDetected;

    @BeforeAll
    static void startTheStallingStream() throws Exception {
        stallingStream = STALLING.replay().rate(1000).stallAfter(STALL_AFTER).start();
        stallingRun = JobRun.submit(CLUSTER.get(), stallingStream, STALLING, "stall");
        stallDetected =
                CompletableFuture.supplyAsync(
                        () -> {
                            await().atMost(JobRun.PATIENCE)
                                    .until(() -> stallingStream.eventsSent() >= STALL_AFTER);
                            long stalled = System.nanoTime();
                            await().atMost(JobRun.PATIENCE)
                                    .until(() -> stallingStream.connectionsAccepted() >= 2);
                            return Duration.ofNanos(System.nanoTime() - stalled);
                        });
    }

    @AfterAll
    static void stopTheStallingStream() throws Exception {
        try (ReplayServer stream = stallingStream;
                JobRun run = stallingRun) {
            stallDetected.cancel(true);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aSilentStallIsDetectedAndTheStreamResumedAfterTheLastEvent() throws Exception {
        Duration detected = stallDetected.get(JobRun.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        List<ObjectNode> finals = stallingRun.awaitFinals(EXPECTED.size());

        assertExact(finals, STALLING.expectedFinals());
        assertThat(stallingStream.lastEventIdsReceived()).hasSize(1);
        FaultOutcomes.record(
                "stream silent (stalled, connection open) after 2,000 events",
                "stall detected and the stream resumed "
                        + FaultOutcomes.seconds(detected)
                        + " after the last event (the source's idle timeout, 60 s by default); "
                        + EXPECTED.size()
                        + " finals equal, all once");
    }

    @Test
    void connectionsDroppedEveryFiveHundredEvents() throws Exception {
        try (ReplayServer stream = RECORDING.replay().dropEvery(500).start();
                JobRun run = JobRun.submit(CLUSTER.get(), stream, "drops")) {
            long start = System.nanoTime();
            List<ObjectNode> finals = run.awaitFinals(EXPECTED.size());

            assertExact(finals);
            int drops = RECORDING.servedEvents() / 500;
            assertThat(stream.lastEventIdsReceived())
                    .as("resumes with Last-Event-ID")
                    .hasSize(drops);
            FaultOutcomes.record(
                    "stream connection dropped every 500 events",
                    drops
                            + " reconnects, each with Last-Event-ID; all finals committed "
                            + FaultOutcomes.secondsSince(start)
                            + " after the submission; "
                            + EXPECTED.size()
                            + " finals equal, all once");
        }
    }

    @Test
    void rateLimitingAndUnavailabilityWithRetryAfterAreWaitedOut() throws Exception {
        try (ReplayServer stream = RECORDING.replay().rate(1000).dropEvery(1500).start();
                JobRun run = JobRun.submit(CLUSTER.get(), stream, "retry-after")) {
            await().atMost(JobRun.PATIENCE).until(() -> stream.connectionsAccepted() >= 1);
            assertThat(stream.eventsSent()).as("still on the first connection").isLessThan(1500);
            stream.respondWith(1, 429, "Retry-After", "2");
            stream.respondWith(1, 503, "Retry-After", "1");
            long start = System.nanoTime();
            List<ObjectNode> finals = run.awaitFinals(EXPECTED.size());

            assertExact(finals);
            assertThat(stream.connectionsAccepted())
                    .as("two streams, a 429, a 503, then the rest in two more streams")
                    .isEqualTo(5);
            FaultOutcomes.record(
                    "reconnect answered 429 (Retry-After: 2), then 503 (Retry-After: 1)",
                    "waited out, resumed with Last-Event-ID; all finals committed "
                            + FaultOutcomes.secondsSince(start)
                            + " after the first answer was queued; "
                            + EXPECTED.size()
                            + " finals equal, all once");
        }
    }

    @Test
    void theServerRestartedOnTheSamePortMidStream() throws Exception {
        ReplayServer first = RECORDING.replay().rate(1000).start();
        int port = first.port();
        try (JobRun run = JobRun.submit(CLUSTER.get(), first, "server-restart")) {
            await().atMost(JobRun.PATIENCE).until(() -> first.eventsSent() >= 1500);
            first.close();
            long down = System.nanoTime();
            try (ReplayServer second = RECORDING.replay().rate(1000).port(port).start()) {
                await().atMost(JobRun.PATIENCE)
                        .until(() -> !second.lastEventIdsReceived().isEmpty());
                String resumed = FaultOutcomes.secondsSince(down);
                List<ObjectNode> finals = run.awaitFinals(EXPECTED.size());

                assertExact(finals);
                FaultOutcomes.record(
                        "stream server stopped after 1,500 events, a new one on the same port",
                        "resumed with Last-Event-ID "
                                + resumed
                                + " after the stop; "
                                + EXPECTED.size()
                                + " finals equal, all once");
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aServerRepeatingEventsOnResumeIsDeduplicated() throws Exception {
        try (ReplayServer stream = RECORDING.replay().dropEvery(700).repeatOnResume(100).start();
                JobRun run = JobRun.submit(CLUSTER.get(), stream, "repeats")) {
            List<ObjectNode> finals = run.awaitFinals(EXPECTED.size());

            assertExact(finals);
            long repeated = stream.eventsSent() - RECORDING.servedEvents();
            assertThat(repeated).as("events sent twice").isGreaterThanOrEqualTo(500);
            FaultOutcomes.record(
                    "stream dropped every 700 events, each resume repeating the 100 events before",
                    repeated
                            + " events received twice, dropped by the source's meta.id de-duplication; "
                            + EXPECTED.size()
                            + " finals equal, all once");
        }
    }

    private static void assertExact(List<ObjectNode> finals) {
        assertExact(finals, EXPECTED);
    }

    private static void assertExact(List<ObjectNode> finals, Map<String, ObjectNode> expected) {
        assertThat(CommittedFinals.byWindow(finals)).isEqualTo(expected);
        assertThat(CommittedFinals.repeatedWindows(finals))
                .as("windows whose final was committed more than once")
                .isEmpty();
    }
}
