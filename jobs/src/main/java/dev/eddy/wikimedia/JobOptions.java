package dev.eddy.wikimedia;

import static org.apache.flink.util.Preconditions.checkArgument;

import dev.eddy.sse.source.SseStartPosition;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command-line options of {@link WikimediaAggregatesJob}; {@code --help} lists them. */
@Command(
        name = "wikimedia-aggregates",
        mixinStandardHelpOptions = true,
        version = "Eddy Wikimedia aggregates job",
        sortOptions = false,
        usageHelpWidth = 100,
        description =
                "Live windowed aggregates over Wikimedia recentchange Server-Sent-Events streams,"
                        + " written to Kafka (eddy.<stream>) and optionally pushed to an Eddy SSE endpoint.%n")
public final class JobOptions {

    /** Wikimedia's live recentchange stream. */
    public static final String WIKIMEDIA_RECENTCHANGE =
            "https://stream.wikimedia.org/v2/stream/recentchange";

    /** The start of a derived transactional-id prefix. */
    static final String DERIVED_PREFIX = "eddy-wikimedia-";

    /** Wikimedia's User-Agent policy asks clients to identify themselves. */
    public static final String DEFAULT_USER_AGENT =
            "Eddy/0.1 (Apache Flink live aggregates; set --user-agent to add your contact)";

    @Option(
            names = "--source",
            paramLabel = "URL",
            description =
                    "SSE stream URL, repeatable (one split each). Default: "
                            + WIKIMEDIA_RECENTCHANGE)
    private List<String> sources = new ArrayList<>();

    @Option(
            names = "--header",
            paramLabel = "NAME:VALUE",
            description =
                    "HTTP header sent to every stream, repeatable. For secrets give the value as"
                            + " env:VARIABLE or file:PATH (e.g. --header Authorization=env:STREAM_TOKEN),"
                            + " so it stays out of the process list and the Flink UI.")
    private List<String> headers = new ArrayList<>();

    @Option(
            names = "--user-agent",
            paramLabel = "TEXT",
            defaultValue = DEFAULT_USER_AGENT,
            description =
                    "User-Agent header (Wikimedia requires one that identifies you). Default: ${DEFAULT-VALUE}")
    private String userAgent;

    @Option(
            names = "--since",
            paramLabel = "INSTANT",
            description =
                    "Start each stream at this time (ISO-8601, e.g. 2025-08-29T06:00:00Z) instead of now.")
    private String since;

    @Option(
            names = "--last-event-id",
            paramLabel = "ID",
            description = "Start each stream after this event id instead of now.")
    private String lastEventId;

    @Option(
            names = "--dedup-horizon",
            paramLabel = "N",
            defaultValue = "10000",
            description =
                    "Recent meta.ids remembered per stream to drop repeats after a resume; 0 turns this off."
                            + " Default: ${DEFAULT-VALUE}")
    private int dedupHorizon;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}")
    private String kafka;

    @Option(
            names = "--delivery",
            paramLabel = "GUARANTEE",
            defaultValue = "exactly-once",
            description =
                    "exactly-once (transactions; consumers read with isolation.level=read_committed)"
                            + " or at-least-once. Default: ${DEFAULT-VALUE}")
    private String delivery;

    @Option(
            names = "--transactional-id-prefix",
            paramLabel = "PREFIX",
            description =
                    "Kafka transactional-id prefix: unique per job on the Kafka cluster, the same across"
                            + " its restarts. Default: eddy-wikimedia-<hash of the job name and its"
                            + " --source URLs>, so jobs on different streams never share one; set it when"
                            + " a job keeps running with a changed URL list.")
    private String transactionalIdPrefix;

    @Option(
            names = "--topic-partitions",
            paramLabel = "N",
            defaultValue = "3",
            description = "Partitions of topics the job creates. Default: ${DEFAULT-VALUE}")
    private int topicPartitions;

    @Option(
            names = "--topic-retention",
            paramLabel = "DURATION",
            defaultValue = "7d",
            converter = DurationConverter.class,
            description =
                    "Retention of topics the job creates (e.g. 7d, 12h). Default: ${DEFAULT-VALUE}")
    private Duration topicRetention;

    @Option(
            names = "--push",
            paramLabel = "URL",
            description =
                    "Eddy SSE endpoint to publish the aggregates to, e.g. http://endpoint:8090")
    private String push;

    @Option(
            names = "--push-token-env",
            paramLabel = "VAR",
            defaultValue = "EDDY_PUBLISH_TOKEN",
            description =
                    "Environment variable holding the endpoint's publish token. Default: ${DEFAULT-VALUE}")
    private String pushTokenEnv;

    @Option(
            names = "--edits-window",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = DurationConverter.class,
            description = "edits-per-wiki window. Default: ${DEFAULT-VALUE}")
    private Duration editsWindow;

    @Option(
            names = "--top-pages-window",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "top-pages window. Default: ${DEFAULT-VALUE}")
    private Duration topPagesWindow;

    @Option(
            names = "--top-pages-slide",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = DurationConverter.class,
            description = "top-pages slide. Default: ${DEFAULT-VALUE}")
    private Duration topPagesSlide;

    @Option(
            names = "--top-pages-count",
            paramLabel = "N",
            defaultValue = "10",
            description = "Pages per top-pages record. Default: ${DEFAULT-VALUE}")
    private int topPagesCount;

    @Option(
            names = "--activity-window",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "activity window. Default: ${DEFAULT-VALUE}")
    private Duration activityWindow;

    @Option(
            names = "--update-interval",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description =
                    "Early updates of an open window at most this often. Default: ${DEFAULT-VALUE}")
    private Duration updateInterval;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "How far the watermark trails the newest event time. Default: ${DEFAULT-VALUE}")
    private Duration outOfOrderness;

    @Option(
            names = "--idleness",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "A source reader without events for this long stops holding back the watermark."
                            + " Default: ${DEFAULT-VALUE}")
    private Duration idleness;

    @Option(
            names = "--allowed-lateness",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "Late events this long after a window's end still update it (final again, higher"
                            + " revision); later ones are counted (lateEvents) and dropped. Default: ${DEFAULT-VALUE}")
    private Duration allowedLateness;

    @Option(
            names = "--max-event-time-ahead",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description =
                    "Events whose meta.dt is further ahead of this machine's clock become dead letters"
                            + " (counted in futureEvents) instead of moving the watermark into the future."
                            + " Default: ${DEFAULT-VALUE}")
    private Duration maxEventTimeAhead;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "0",
            description = "Job parallelism; 0 keeps the cluster's default.")
    private int parallelism;

    private JobOptions() {}

    /**
     * Parses the arguments; prints the help and returns empty for {@code --help} or {@code
     * --version}.
     *
     * @throws IllegalArgumentException for a bad option, with a message saying what is wrong
     */
    public static Optional<JobOptions> parse(String... args) {
        return parse(new PrintWriter(System.out, true), args);
    }

    static Optional<JobOptions> parse(PrintWriter helpOut, String... args) {
        JobOptions options = new JobOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + " (--help lists the options)", e);
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(helpOut);
            return Optional.empty();
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(helpOut);
            return Optional.empty();
        }
        options.validate();
        return Optional.of(options);
    }

    private void validate() {
        delivery();
        startPosition();
        headers();
        settings();
        checkArgument(
                dedupHorizon >= 0, "--dedup-horizon must not be negative, got %s", dedupHorizon);
        checkArgument(
                topicPartitions >= 1,
                "--topic-partitions must be at least 1, got %s",
                topicPartitions);
        checkArgument(parallelism >= 0, "--parallelism must not be negative, got %s", parallelism);
        checkArgument(
                !maxEventTimeAhead.isNegative(),
                "--max-event-time-ahead must not be negative, got %s",
                maxEventTimeAhead);
        checkArgument(
                push == null || pushToken() != null,
                "--push needs a publish token in the environment variable %s"
                        + " (set it, or name another with --push-token-env)",
                pushTokenEnv);
    }

    /** The stream URLs; Wikimedia's live recentchange when none was given. */
    public List<String> sources() {
        return sources.isEmpty() ? List.of(WIKIMEDIA_RECENTCHANGE) : List.copyOf(sources);
    }

    /**
     * The headers sent to every stream, the User-Agent included, {@code env:} and {@code file:}
     * values resolved; never logged.
     */
    public Map<String, String> headers() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("User-Agent", userAgent);
        for (String header : headers) {
            Map.Entry<String, String> parsed = HeaderArgument.parse(header);
            all.put(parsed.getKey(), parsed.getValue());
        }
        return all;
    }

    /** Where a fresh job starts reading: {@code --last-event-id}, {@code --since}, or now. */
    public SseStartPosition startPosition() {
        checkArgument(
                lastEventId == null || since == null,
                "give either --since or --last-event-id, not both");
        if (lastEventId != null) {
            return SseStartPosition.afterEventId(lastEventId);
        }
        if (since != null) {
            try {
                return SseStartPosition.since(Instant.parse(since));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "--since must be an ISO-8601 instant such as 2025-08-29T06:00:00Z, got '"
                                + since
                                + "'");
            }
        }
        return SseStartPosition.latest();
    }

    public int dedupHorizon() {
        return dedupHorizon;
    }

    public String kafka() {
        return kafka;
    }

    public DeliveryGuarantee delivery() {
        switch (delivery) {
            case "exactly-once":
                return DeliveryGuarantee.EXACTLY_ONCE;
            case "at-least-once":
                return DeliveryGuarantee.AT_LEAST_ONCE;
            default:
                throw new IllegalArgumentException(
                        "--delivery must be exactly-once or at-least-once, got '" + delivery + "'");
        }
    }

    /** The given prefix, or one derived from the job name and the stream URLs. */
    public String transactionalIdPrefix() {
        if (transactionalIdPrefix != null) {
            return transactionalIdPrefix;
        }
        StringBuilder identity = new StringBuilder(WikimediaAggregatesJob.JOB_NAME);
        sources().stream().sorted().forEach(url -> identity.append('\n').append(url));
        byte[] hash;
        try {
            hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return DERIVED_PREFIX + HexFormat.of().formatHex(hash, 0, 6);
    }

    /** How far ahead of processing time an event's time may be. */
    public Duration maxEventTimeAhead() {
        return maxEventTimeAhead;
    }

    public int topicPartitions() {
        return topicPartitions;
    }

    public Duration topicRetention() {
        return topicRetention;
    }

    /** The SSE endpoint to publish to, or null. */
    public @Nullable String push() {
        return push;
    }

    /** The publish token from the environment; never logged. */
    public @Nullable String pushToken() {
        String token = System.getenv(pushTokenEnv);
        return token == null || token.isEmpty() ? null : token;
    }

    /** 0 keeps the environment's default. */
    public int parallelism() {
        return parallelism;
    }

    public AggregateSettings settings() {
        return AggregateSettings.builder()
                .editsPerWikiWindow(editsWindow)
                .topPagesWindow(topPagesWindow)
                .topPagesSlide(topPagesSlide)
                .topPagesCount(topPagesCount)
                .activityWindow(activityWindow)
                .updateInterval(updateInterval)
                .maxOutOfOrderness(outOfOrderness)
                .idleness(idleness)
                .allowedLateness(allowedLateness)
                .build();
    }
}
