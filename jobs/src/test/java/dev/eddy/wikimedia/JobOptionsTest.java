package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sse.source.SseStartPosition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void defaultsToWikimediaRecentChangeLocalKafkaAndExactlyOnce() {
        JobOptions options = JobOptions.parse().orElseThrow();

        assertThat(options.sources()).containsExactly(JobOptions.WIKIMEDIA_RECENTCHANGE);
        assertThat(options.kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(options.delivery()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(options.push()).isNull();
        assertThat(options.headers()).containsEntry("User-Agent", JobOptions.DEFAULT_USER_AGENT);
        assertThat(options.startPosition().toString())
                .isEqualTo(SseStartPosition.latest().toString());
        assertThat(options.settings().toString())
                .isEqualTo(AggregateSettings.defaults().toString());
    }

    @Test
    void acceptsSeveralSources() {
        JobOptions options =
                JobOptions.parse("--source", "http://a/s", "--source", "http://b/s").orElseThrow();

        assertThat(options.sources()).containsExactly("http://a/s", "http://b/s");
    }

    @Test
    void readsWindowAndTimeOptions() {
        AggregateSettings settings =
                JobOptions.parse(
                                "--edits-window",
                                "2m",
                                "--top-pages-window",
                                "10m",
                                "--top-pages-slide",
                                "30s",
                                "--top-pages-count",
                                "5",
                                "--activity-window",
                                "PT20S",
                                "--update-interval",
                                "500ms",
                                "--out-of-orderness",
                                "3s",
                                "--idleness",
                                "1m",
                                "--allowed-lateness",
                                "0s")
                        .orElseThrow()
                        .settings();

        assertThat(settings.editsPerWikiWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.topPagesWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.topPagesSlide()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.topPagesCount()).isEqualTo(5);
        assertThat(settings.activityWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.updateInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.idleness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.allowedLateness()).isZero();
    }

    @Test
    void readsAtLeastOnceDelivery() {
        assertThat(JobOptions.parse("--delivery", "at-least-once").orElseThrow().delivery())
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void readsTheStartPosition() {
        assertThat(
                        JobOptions.parse("--since", "2025-08-29T06:00:00Z")
                                .orElseThrow()
                                .startPosition()
                                .since())
                .isEqualTo(Instant.parse("2025-08-29T06:00:00Z"));
        assertThat(
                        JobOptions.parse("--last-event-id", "[{\"offset\":1}]")
                                .orElseThrow()
                                .startPosition()
                                .lastEventId())
                .isEqualTo("[{\"offset\":1}]");
    }

    @Test
    void addsHeaders() {
        assertThat(JobOptions.parse("--header", "Authorization: Bearer x").orElseThrow().headers())
                .containsEntry("Authorization", "Bearer x");
    }

    @Test
    void derivesATransactionalIdPrefixPerSetOfStreams() {
        String a = prefix("--source", "http://a/s?token=s3cret");
        String b = prefix("--source", "http://b/s");
        String ab = prefix("--source", "http://a/s?token=s3cret", "--source", "http://b/s");
        String ba = prefix("--source", "http://b/s", "--source", "http://a/s?token=s3cret");

        assertThat(a).startsWith("eddy-wikimedia-").doesNotContain("s3cret").isNotEqualTo(b);
        assertThat(ab).isEqualTo(ba).isNotEqualTo(a).isNotEqualTo(b);
        assertThat(prefix("--source", "http://a/s?token=s3cret")).as("stable").isEqualTo(a);
        assertThat(prefix()).isNotEqualTo(a);
    }

    @Test
    void anExplicitTransactionalIdPrefixWins() {
        assertThat(prefix("--source", "http://a/s", "--transactional-id-prefix", "mine"))
                .isEqualTo("mine");
    }

    @Test
    void boundsEventTimeAheadOfTheClockByFiveMinutesUnlessTold() {
        assertThat(JobOptions.parse().orElseThrow().maxEventTimeAhead())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(
                        JobOptions.parse("--max-event-time-ahead", "30s")
                                .orElseThrow()
                                .maxEventTimeAhead())
                .isEqualTo(Duration.ofSeconds(30));
    }

    private static String prefix(String... args) {
        return JobOptions.parse(args).orElseThrow().transactionalIdPrefix();
    }

    @Test
    void explainsAnUnknownDelivery() {
        assertThatThrownBy(() -> JobOptions.parse("--delivery", "twice"))
                .hasMessage("--delivery must be exactly-once or at-least-once, got 'twice'");
    }

    @Test
    void explainsABadDuration() {
        assertThatThrownBy(() -> JobOptions.parse("--update-interval", "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'soon' is not a duration")
                .hasMessageContaining("--help");
    }

    @Test
    void explainsASlideLongerThanItsWindow() {
        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        "--top-pages-window", "1m", "--top-pages-slide", "2m"))
                .hasMessageContaining("must not be longer than its window");
    }

    @Test
    void explainsAnUnknownOption() {
        assertThatThrownBy(() -> JobOptions.parse("--windwo", "1m"))
                .hasMessageContaining("--windwo")
                .hasMessageContaining("--help lists the options");
    }

    @Test
    void pushNeedsATokenInTheEnvironment() {
        assertThatThrownBy(
                        () ->
                                JobOptions.parse(
                                        "--push",
                                        "http://127.0.0.1:8090",
                                        "--push-token-env",
                                        "EDDY_TEST_VARIABLE_THAT_IS_NOT_SET"))
                .hasMessageContaining("EDDY_TEST_VARIABLE_THAT_IS_NOT_SET");
    }

    @Test
    void printsHelpAndNoOptions() {
        StringWriter help = new StringWriter();

        Optional<JobOptions> options = JobOptions.parse(new PrintWriter(help, true), "--help");

        assertThat(options).isEmpty();
        assertThat(help.toString())
                .contains("--source", "--kafka", "--push", "--delivery", "--update-interval");
    }
}
