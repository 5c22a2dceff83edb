package dev.eddy.sse.source;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import dev.eddy.sse.source.reader.EmittingSplit;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idleness for an {@link SseSource} that knows why a stream is silent. With {@link
 * WatermarkStrategy#withIdleness}, a stream that is reconnecting goes idle like a quiet one: the
 * other streams then advance the watermark, and its backlog arrives late. Here a split is idle only
 * while connected and silent; while it reconnects it holds the watermark, for at most {@code
 * maxHold}, then goes idle with a warning.
 *
 * <pre>{@code
 * env.fromSource(source, SseWatermarks.withReconnectAwareIdleness(
 *         WatermarkStrategy.<MyEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 *                 .withTimestampAssigner((event, previous) -> event.time()),
 *         Duration.ofMinutes(1)), "events");
 * }</pre>
 *
 * Pass a strategy without {@code withIdleness}: this takes its place.
 */
@PublicEvolving
public final class SseWatermarks {

    /** The longest a reconnecting split holds the watermark unless told otherwise. */
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMinutes(5);

    private SseWatermarks() {}

    /**
     * As {@link #withReconnectAwareIdleness(WatermarkStrategy, Duration, Duration)}, 5 min hold.
     */
    public static <T> WatermarkStrategy<T> withReconnectAwareIdleness(
            WatermarkStrategy<T> base, Duration idleTimeout) {
        return withReconnectAwareIdleness(base, idleTimeout, DEFAULT_MAX_HOLD);
    }

    /**
     * @param base the watermarks and timestamps of each split, without idleness
     * @param idleTimeout a connected split silent this long is idle
     * @param maxHold a reconnecting split holds the watermark this long at most (a few times the
     *     source's maximum backoff); then it is idle, and its backlog may arrive late
     */
    public static <T> WatermarkStrategy<T> withReconnectAwareIdleness(
            WatermarkStrategy<T> base, Duration idleTimeout, Duration maxHold) {
        checkNotNull(base, "base strategy");
        checkArgument(
                idleTimeout != null && !idleTimeout.isNegative() && !idleTimeout.isZero(),
                "idle timeout must be positive, got %s",
                idleTimeout);
        checkArgument(
                maxHold != null && !maxHold.isNegative(), "max hold must be >= 0, got %s", maxHold);
        return new ReconnectAwareStrategy<>(base, idleTimeout.toNanos(), maxHold.toNanos());
    }

    private static final class ReconnectAwareStrategy<T> implements WatermarkStrategy<T> {
        private static final long serialVersionUID = 1L;

        private final WatermarkStrategy<T> base;
        private final long idleNanos;
        private final long maxHoldNanos;

        ReconnectAwareStrategy(WatermarkStrategy<T> base, long idleNanos, long maxHoldNanos) {
            this.base = base;
            this.idleNanos = idleNanos;
            this.maxHoldNanos = maxHoldNanos;
        }

        @Override
        public WatermarkGenerator<T> createWatermarkGenerator(
                WatermarkGeneratorSupplier.Context context) {
            return new ReconnectAwareIdleness<>(
                    base.createWatermarkGenerator(context),
                    idleNanos,
                    maxHoldNanos,
                    System::nanoTime);
        }

        @Override
        public TimestampAssigner<T> createTimestampAssigner(
                TimestampAssignerSupplier.Context context) {
            return base.createTimestampAssigner(context);
        }
    }

    /** One split's generator: the base one, idle only while connected and silent. */
    static final class ReconnectAwareIdleness<T> implements WatermarkGenerator<T> {
        private static final Logger LOG = LoggerFactory.getLogger(SseWatermarks.class);

        private final WatermarkGenerator<T> base;
        private final long idleNanos;
        private final long maxHoldNanos;
        private final LongSupplier clock;
        private @Nullable EmittingSplit.Connection connection;
        private long lastEventNanos;
        private long reconnectingSinceNanos = -1;
        private boolean warned;

        ReconnectAwareIdleness(
                WatermarkGenerator<T> base, long idleNanos, long maxHoldNanos, LongSupplier clock) {
            this.base = base;
            this.idleNanos = idleNanos;
            this.maxHoldNanos = maxHoldNanos;
            this.clock = clock;
            this.lastEventNanos = clock.getAsLong();
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            if (connection == null) {
                connection = EmittingSplit.current();
            }
            lastEventNanos = clock.getAsLong();
            base.onEvent(event, eventTimestamp, output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = clock.getAsLong();
            if (connection != null && !connection.isConnected()) {
                if (reconnectingSinceNanos < 0) {
                    reconnectingSinceNanos = now;
                }
                if (now - reconnectingSinceNanos <= maxHoldNanos) {
                    base.onPeriodicEmit(output);
                    return;
                }
                if (!warned) {
                    warned = true;
                    LOG.warn(
                            "A stream has been reconnecting for more than {} ms: no longer holding the watermark for it (its backlog may arrive late)",
                            maxHoldNanos / 1_000_000);
                }
                output.markIdle();
                return;
            }
            if (reconnectingSinceNanos >= 0) {
                // Just reconnected: silence counts from here, the backlog is on its way.
                reconnectingSinceNanos = -1;
                warned = false;
                lastEventNanos = now;
            }
            if (now - lastEventNanos > idleNanos) {
                output.markIdle();
            } else {
                base.onPeriodicEmit(output);
            }
        }
    }
}
