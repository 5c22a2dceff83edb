package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.sse.replay.synthetic.SyntheticRecentChanges;
import dev.eddy.wikimedia.model.WikiInput;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.testing.AggregateRecords;
import dev.eddy.wikimedia.testing.CollectingSinks;
import dev.eddy.wikimedia.testing.Feed;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job's own metrics, as a metric reporter sees them. */
class JobMetricsITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @Test
    void countsDeadLettersAndEventsLaterThanTheAllowedLateness() throws Exception {
        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder()
                        .maxOutOfOrderness(Duration.ZERO)
                        .allowedLateness(Duration.ZERO)
                        .build();
        Random random = new Random(21);
        try (Feed feed = Feed.open();
                CollectingSinks sinks = new CollectingSinks()) {
            JobClient job = start(feed.source(), sinks, settings);
            feed.send(
                    SyntheticRecentChanges.event(
                            random, Instant.parse("2025-08-29T06:00:01Z").toEpochMilli()));
            feed.send("{\"not\": \"a recentchange\"}");
            feed.send(
                    SyntheticRecentChanges.event(
                            random, Instant.parse("2025-08-29T06:00:30Z").toEpochMilli()));
            await().atMost(2, TimeUnit.MINUTES)
                    .until(
                            () ->
                                    AggregateRecords.updatesOf(
                                                    sinks.aggregates(),
                                                    "activity|all|2025-08-29T06:00:00Z")
                                            .stream()
                                            .anyMatch(AggregateRecord::isFinalUpdate));
            feed.send(
                    SyntheticRecentChanges.event(
                            random, Instant.parse("2025-08-29T06:00:02Z").toEpochMilli()));
            feed.end();
            job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

            assertThat(counterSum(job.getJobID(), "lateEvents"))
                    .as("late for the 10 s activity window only")
                    .isEqualTo(1);
            assertThat(counterSum(job.getJobID(), "deadLetters")).isEqualTo(1);
        }
    }

    @Test
    void aFarFutureEventTimeNeitherClosesWindowsEarlyNorMakesLaterEventsLate() throws Exception {
        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder()
                        .maxOutOfOrderness(Duration.ZERO)
                        .allowedLateness(Duration.ZERO)
                        .build();
        Random random = new Random(22);
        try (Feed feed = Feed.open();
                CollectingSinks sinks = new CollectingSinks()) {
            JobClient job = start(feed.source(), sinks, settings);
            feed.send(event(random, "2025-08-29T06:00:01Z"))
                    .send(event(random, "2099-01-01T00:00:00Z"));
            await("the far-future event handled: a dead letter, or windows it closed")
                    .atMost(2, TimeUnit.MINUTES)
                    .until(
                            () ->
                                    !sinks.deadLetters().isEmpty()
                                            || sinks.aggregates().stream()
                                                    .anyMatch(AggregateRecord::isFinalUpdate));
            feed.send(event(random, "2025-08-29T06:00:05Z"))
                    .send(event(random, "2025-08-29T06:01:00Z"))
                    .end();
            job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

            assertThat(
                            AggregateRecords.latestFinal(sinks.aggregates())
                                    .get("activity|all|2025-08-29T06:00:00Z")
                                    .get("events")
                                    .asInt())
                    .isEqualTo(2);
            assertThat(counterSum(job.getJobID(), "lateEvents")).isZero();
            assertThat(counterSum(job.getJobID(), "deadLetters")).isEqualTo(1);
        }
    }

    private static String event(Random random, String time) {
        return SyntheticRecentChanges.event(random, Instant.parse(time).toEpochMilli());
    }

    private static JobClient start(
            Source<WikiInput, ?, ?> source, CollectingSinks sinks, AggregateSettings settings)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new WikimediaAggregatesJob(source, sinks, settings).addTo(env);
        return env.executeAsync(WikimediaAggregatesJob.JOB_NAME);
    }

    private static long counterSum(JobID job, String name) {
        long sum = 0;
        for (Metric metric : REPORTER.findMetrics(job, name).values()) {
            sum += ((Counter) metric).getCount();
        }
        return sum;
    }
}
