package dev.eddy.wikimedia;

import dev.eddy.sse.source.SseWatermarks;
import dev.eddy.wikimedia.aggregate.ActivityAggregate;
import dev.eddy.wikimedia.aggregate.ActivityBody;
import dev.eddy.wikimedia.aggregate.EditsPerWikiAggregate;
import dev.eddy.wikimedia.aggregate.EditsPerWikiBody;
import dev.eddy.wikimedia.aggregate.PageEdits;
import dev.eddy.wikimedia.aggregate.PaneCombiner;
import dev.eddy.wikimedia.aggregate.PanePartial;
import dev.eddy.wikimedia.aggregate.PanedWindowAggregate;
import dev.eddy.wikimedia.aggregate.RecordBody;
import dev.eddy.wikimedia.aggregate.TopPagesAggregate;
import dev.eddy.wikimedia.aggregate.TopPagesBody;
import dev.eddy.wikimedia.aggregate.TypeCounts;
import dev.eddy.wikimedia.aggregate.WikiActivity;
import dev.eddy.wikimedia.model.ChangeFacts;
import dev.eddy.wikimedia.model.WikiInput;
import dev.eddy.wikimedia.model.WikiInputTimestamps;
import dev.eddy.wikimedia.record.AggregateRecord;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The Wikimedia recentchange aggregates job: source → split off dead letters → event-time windows
 * with early updates ({@code edits-per-wiki}, {@code top-pages}, {@code activity}) → sinks. The
 * source and sinks come in through the constructor, so the application runs it with the SSE source,
 * Kafka and the SSE push sink, and tests with bounded sources and collecting sinks.
 *
 * <p>De-duplication: a repeated event (same {@code meta.id}) comes from a stream resumed with a
 * Last-Event-ID after a reconnect or a restore; the SSE source drops those within a bounded horizon
 * (its event key extractor, set by {@link RecentChangeSource}), and checkpointed exactly-once
 * processing adds none. The windows therefore do not keep a set of event ids, which would grow with
 * the event rate rather than with the number of users or pages.
 *
 * <p>Run on a cluster: {@code flink run <job jar> --source URL --kafka HOST:PORT}; {@code --help}
 * lists the options ({@link JobOptions}).
 */
public class WikimediaAggregatesJob {

    /** The job's name in the Flink UI. */
    public static final String JOB_NAME = "Eddy: Wikimedia recentchange aggregates";

    private final Source<WikiInput, ?, ?> source;
    private final AggregateSinks sinks;
    private final AggregateSettings settings;

    public WikimediaAggregatesJob(
            Source<WikiInput, ?, ?> source, AggregateSinks sinks, AggregateSettings settings) {
        this.source = Objects.requireNonNull(source, "source");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Parses the options, creates missing Kafka topics, and runs the job with the SSE source, the
     * Kafka sinks and, with {@code --push}, the SSE push sink ({@link WikimediaJobFactory}).
     */
    public static void main(String[] args) throws Exception {
        Optional<JobOptions> parsed = JobOptions.parse(args);
        if (parsed.isEmpty()) {
            return;
        }
        WikimediaJobFactory factory = WikimediaJobFactory.of(parsed.get());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        factory.configure(env);
        factory.createTopics();
        factory.job().execute(env);
    }

    /** Wires the pipeline into the environment and runs it until it ends or is cancelled. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        return env.execute(JOB_NAME);
    }

    /**
     * Wires the pipeline into the environment without running it (tests start it with {@code
     * executeAsync}).
     */
    public void addTo(StreamExecutionEnvironment env) {
        // A stream that is reconnecting holds the watermark (its backlog is not late); a connected,
        // silent one goes idle.
        WatermarkStrategy<WikiInput> watermarks =
                SseWatermarks.withReconnectAwareIdleness(
                        WatermarkStrategy.<WikiInput>forBoundedOutOfOrderness(
                                        settings.maxOutOfOrderness())
                                .withTimestampAssigner(new WikiInputTimestamps()),
                        settings.idleness());
        DataStream<WikiInput> inputs =
                env.fromSource(source, watermarks, "SSE source").uid("sse-source");
        SingleOutputStreamOperator<ChangeFacts> changes =
                inputs.process(new DeadLetterSplitter())
                        .uid("split-dead-letters")
                        .name("Split dead letters");
        sinks.attachDeadLetters(changes.getSideOutput(DeadLetterSplitter.DEAD_LETTERS));

        DataStream<AggregateRecord> editsPerWiki =
                windowed(
                        changes,
                        ChangeFacts::getWiki,
                        settings.editsPerWikiWindow(),
                        settings.editsPerWikiWindow(),
                        new EditsPerWikiAggregate(),
                        TypeInformation.of(WikiActivity.class),
                        new EditsPerWikiBody(),
                        "per wiki, tumbling " + settings.editsPerWikiWindow());

        DataStream<ChangeFacts> pageEdits =
                changes.filter(PageEdits::countsAsPageEdit).uid("page-edits").name("Page edits");
        DataStream<AggregateRecord> topPages =
                windowed(
                        pageEdits,
                        ChangeFacts::getWiki,
                        settings.topPagesWindow(),
                        settings.topPagesSlide(),
                        new TopPagesAggregate(),
                        TypeInformation.of(PageEdits.class),
                        new TopPagesBody(settings.topPagesCount()),
                        "top "
                                + settings.topPagesCount()
                                + " per wiki, "
                                + settings.topPagesWindow()
                                + " sliding by "
                                + settings.topPagesSlide());

        DataStream<AggregateRecord> activity =
                windowed(
                        changes,
                        change -> ActivityBody.KEY,
                        settings.activityWindow(),
                        settings.activityWindow(),
                        new ActivityAggregate(),
                        TypeInformation.of(TypeCounts.class),
                        new ActivityBody(),
                        "all wikis, tumbling " + settings.activityWindow());

        sinks.attach(editsPerWiki.union(topPages, activity));
    }

    /**
     * The windows of one aggregate: the events combined per key and pane in the source's task
     * ({@link PaneCombiner}), shuffled by key, and merged into the windows' panes.
     */
    private <A> DataStream<AggregateRecord> windowed(
            DataStream<ChangeFacts> changes,
            KeySelector<ChangeFacts, String> key,
            Duration size,
            Duration slide,
            AggregateFunction<ChangeFacts, A, A> aggregate,
            TypeInformation<A> accumulatorType,
            RecordBody<A> body,
            String description) {
        String stream = body.stream();
        SingleOutputStreamOperator<PanePartial<A>> partials =
                changes.transform(
                                "Combine panes: " + stream,
                                PanePartial.typeOf(accumulatorType),
                                new PaneCombiner<>(
                                        key,
                                        PanedWindowAggregate.paneLength(size, slide),
                                        aggregate))
                        .uid("combine-" + stream);
        OutputTag<Long> late = new OutputTag<>("late-" + stream, Types.LONG);
        SingleOutputStreamOperator<AggregateRecord> records =
                partials.keyBy(PanePartial::key, Types.STRING)
                        .process(
                                new PanedWindowAggregate<>(
                                        size,
                                        slide,
                                        settings.allowedLateness(),
                                        settings.updateInterval(),
                                        aggregate,
                                        accumulatorType,
                                        body,
                                        late))
                        .uid(stream)
                        .name(stream + ": " + description);
        records.getSideOutput(late)
                .process(new LateEventCounter())
                .uid("late-" + stream)
                .name("Count late events: " + stream);
        return records;
    }
}
