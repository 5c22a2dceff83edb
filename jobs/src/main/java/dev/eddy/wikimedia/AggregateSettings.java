package dev.eddy.wikimedia;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import java.io.Serializable;
import java.time.Duration;

/**
 * The job's time settings: window sizes, the early-update interval, and how event time copes with
 * disorder, idle streams and late events. Immutable; start from {@link #defaults()}.
 */
public final class AggregateSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Duration editsPerWikiWindow;
    private final Duration topPagesWindow;
    private final Duration topPagesSlide;
    private final int topPagesCount;
    private final Duration activityWindow;
    private final Duration updateInterval;
    private final Duration maxOutOfOrderness;
    private final Duration idleness;
    private final Duration allowedLateness;

    private AggregateSettings(Builder builder) {
        this.editsPerWikiWindow = positive(builder.editsPerWikiWindow, "edits-per-wiki window");
        this.topPagesWindow = positive(builder.topPagesWindow, "top-pages window");
        this.topPagesSlide = positive(builder.topPagesSlide, "top-pages slide");
        this.topPagesCount = builder.topPagesCount;
        this.activityWindow = positive(builder.activityWindow, "activity window");
        this.updateInterval = positive(builder.updateInterval, "update interval");
        this.maxOutOfOrderness = notNegative(builder.maxOutOfOrderness, "out-of-orderness");
        this.idleness = positive(builder.idleness, "idleness");
        this.allowedLateness = notNegative(builder.allowedLateness, "allowed lateness");
        checkArgument(
                topPagesSlide.compareTo(topPagesWindow) <= 0,
                "the top-pages slide (%s) must not be longer than its window (%s)",
                topPagesSlide,
                topPagesWindow);
        checkArgument(
                topPagesCount >= 1,
                "the top-pages count must be at least 1, got %s",
                topPagesCount);
    }

    /**
     * edits-per-wiki 1 min, top-pages 5 min sliding by 1 min listing 10 pages, activity 10 s;
     * updates every 5 s; 10 s out-of-orderness, 30 s idleness, 30 s allowed lateness.
     */
    public static AggregateSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .editsPerWikiWindow(editsPerWikiWindow)
                .topPagesWindow(topPagesWindow)
                .topPagesSlide(topPagesSlide)
                .topPagesCount(topPagesCount)
                .activityWindow(activityWindow)
                .updateInterval(updateInterval)
                .maxOutOfOrderness(maxOutOfOrderness)
                .idleness(idleness)
                .allowedLateness(allowedLateness);
    }

    public Duration editsPerWikiWindow() {
        return editsPerWikiWindow;
    }

    public Duration topPagesWindow() {
        return topPagesWindow;
    }

    public Duration topPagesSlide() {
        return topPagesSlide;
    }

    public int topPagesCount() {
        return topPagesCount;
    }

    public Duration activityWindow() {
        return activityWindow;
    }

    /** Processing time between early updates of a window that keeps receiving events. */
    public Duration updateInterval() {
        return updateInterval;
    }

    /** How far behind the newest event time the watermark trails. */
    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    /** After this long without events a source reader stops holding back the watermark. */
    public Duration idleness() {
        return idleness;
    }

    /**
     * How long after a window's end late events still update it; later ones are counted and
     * dropped.
     */
    public Duration allowedLateness() {
        return allowedLateness;
    }

    private static Duration positive(Duration value, String name) {
        checkNotNull(value, name);
        checkArgument(
                !value.isNegative() && !value.isZero(),
                "the %s must be positive, got %s",
                name,
                value);
        return value;
    }

    private static Duration notNegative(Duration value, String name) {
        checkNotNull(value, name);
        checkArgument(!value.isNegative(), "the %s must not be negative, got %s", name, value);
        return value;
    }

    @Override
    public String toString() {
        return "AggregateSettings{editsPerWikiWindow="
                + editsPerWikiWindow
                + ", topPagesWindow="
                + topPagesWindow
                + ", topPagesSlide="
                + topPagesSlide
                + ", topPagesCount="
                + topPagesCount
                + ", activityWindow="
                + activityWindow
                + ", updateInterval="
                + updateInterval
                + ", maxOutOfOrderness="
                + maxOutOfOrderness
                + ", idleness="
                + idleness
                + ", allowedLateness="
                + allowedLateness
                + '}';
    }

    /** Builds {@link AggregateSettings}; unset values keep their defaults. */
    public static final class Builder {

        private Duration editsPerWikiWindow = Duration.ofMinutes(1);
        private Duration topPagesWindow = Duration.ofMinutes(5);
        private Duration topPagesSlide = Duration.ofMinutes(1);
        private int topPagesCount = 10;
        private Duration activityWindow = Duration.ofSeconds(10);
        private Duration updateInterval = Duration.ofSeconds(5);
        private Duration maxOutOfOrderness = Duration.ofSeconds(10);
        private Duration idleness = Duration.ofSeconds(30);
        private Duration allowedLateness = Duration.ofSeconds(30);

        private Builder() {}

        public Builder editsPerWikiWindow(Duration size) {
            this.editsPerWikiWindow = size;
            return this;
        }

        public Builder topPagesWindow(Duration size) {
            this.topPagesWindow = size;
            return this;
        }

        public Builder topPagesSlide(Duration slide) {
            this.topPagesSlide = slide;
            return this;
        }

        public Builder topPagesCount(int count) {
            this.topPagesCount = count;
            return this;
        }

        public Builder activityWindow(Duration size) {
            this.activityWindow = size;
            return this;
        }

        public Builder updateInterval(Duration interval) {
            this.updateInterval = interval;
            return this;
        }

        public Builder maxOutOfOrderness(Duration outOfOrderness) {
            this.maxOutOfOrderness = outOfOrderness;
            return this;
        }

        public Builder idleness(Duration idleness) {
            this.idleness = idleness;
            return this;
        }

        public Builder allowedLateness(Duration lateness) {
            this.allowedLateness = lateness;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public AggregateSettings build() {
            return new AggregateSettings(this);
        }
    }
}
