package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.sse.replay.Recording;
import dev.eddy.wikimedia.AggregateSettings;
import dev.eddy.wikimedia.WikimediaAggregatesJob;
import dev.eddy.wikimedia.testing.AggregateRecords;
import dev.eddy.wikimedia.testing.CollectingSinks;
import dev.eddy.wikimedia.testing.Feed;
import dev.eddy.wikimedia.testing.IndependentAggregates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The job at scale: the very 500,000 synthetic events of {@code eddy bench pipeline}'s throughput
 * run, through the job at parallelism 1 in a MiniCluster (fed in-process, bounded), give the final
 * records an independent computation over the same events gives, in every window of all three
 * aggregates.
 */
class ThroughputRunFinalsITCase {

    private static final int EVENTS = 500_000;

    @Test
    void finalsOfTheBenchmarksThroughputRunEqualAnIndependentComputation() throws Exception {
        Recording recording = PipelineBenchmark.throughputRecording(EVENTS);
        List<String> events = new ArrayList<>(recording.size());
        for (int i = 0; i < recording.size(); i++) {
            events.add(recording.get(i).data());
        }
        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder()
                        .updateInterval(Duration.ofSeconds(1))
                        .build();
        try (Feed feed = Feed.open();
                CollectingSinks sinks = new CollectingSinks()) {
            feed.sendAll(events).end();
            Configuration configuration = new Configuration();
            configuration.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(1, configuration);
            new WikimediaAggregatesJob(feed.source(), sinks, settings).addTo(env);
            env.execute(WikimediaAggregatesJob.JOB_NAME + " (500,000 synthetic events)");

            Map<String, ObjectNode> expected =
                    IndependentAggregates.withDefaultWindows().compute(events);
            assertThat(expected.keySet())
                    .filteredOn(id -> id.startsWith("top-pages|"))
                    .hasSizeGreaterThan(40);
            assertThat(AggregateRecords.latestFinal(sinks.aggregates())).isEqualTo(expected);
            assertThat(sinks.deadLetters()).isEmpty();
        }
    }
}
