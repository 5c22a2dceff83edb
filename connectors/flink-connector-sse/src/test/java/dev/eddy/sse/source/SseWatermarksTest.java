package dev.eddy.sse.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sse.source.reader.EmittingSplit;
import dev.eddy.sse.source.reader.EmittingSplitAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.junit.jupiter.api.Test;

class SseWatermarksTest {

    private static final long IDLE = Duration.ofSeconds(10).toNanos();
    private static final long MAX_HOLD = Duration.ofSeconds(60).toNanos();

    private final RecordingOutput output = new RecordingOutput();
    private final FakeConnection connection = new FakeConnection();
    private long now;

    @Test
    void aConnectedSplitSilentLongerThanTheIdleTimeoutGoesIdle() {
        SseWatermarks.ReconnectAwareIdleness<Long> generator = bound();

        now += IDLE + 1;
        generator.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo("idle");
    }

    @Test
    void aReconnectingSplitHoldsTheWatermarkInsteadOfGoingIdle() {
        SseWatermarks.ReconnectAwareIdleness<Long> generator = bound();

        connection.connected = false;
        now += IDLE * 3;
        generator.onPeriodicEmit(output);
        now += IDLE * 2;
        generator.onPeriodicEmit(output);

        assertThat(output.events).containsOnly("watermark 999");
    }

    @Test
    void aSplitReconnectingLongerThanTheMaximumHoldGoesIdle() {
        SseWatermarks.ReconnectAwareIdleness<Long> generator = bound();

        connection.connected = false;
        generator.onPeriodicEmit(output);
        now += MAX_HOLD + 1;
        generator.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo("idle");
    }

    @Test
    void silenceCountsFromTheReconnectNotFromTheLastEventBeforeIt() {
        SseWatermarks.ReconnectAwareIdleness<Long> generator = bound();
        connection.connected = false;
        generator.onPeriodicEmit(output);
        now += IDLE * 3;
        generator.onPeriodicEmit(output);

        connection.connected = true;
        now += 1;
        generator.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo("watermark 999");
    }

    @Test
    void theStrategyKeepsTheBaseTimestampsAndWatermarks() {
        WatermarkStrategy<Long> strategy =
                SseWatermarks.withReconnectAwareIdleness(
                        WatermarkStrategy.<Long>forMonotonousTimestamps()
                                .withTimestampAssigner((event, previous) -> event),
                        Duration.ofSeconds(10));
        WatermarkGenerator<Long> generator = strategy.createWatermarkGenerator(null);

        generator.onEvent(
                5L, strategy.createTimestampAssigner(null).extractTimestamp(5L, 0), output);
        generator.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo("watermark 4");
    }

    /** A generator over monotonous timestamps that has seen an event at 1000 of this split. */
    private SseWatermarks.ReconnectAwareIdleness<Long> bound() {
        SseWatermarks.ReconnectAwareIdleness<Long> generator =
                new SseWatermarks.ReconnectAwareIdleness<>(
                        WatermarkStrategy.<Long>forMonotonousTimestamps()
                                .createWatermarkGenerator(null),
                        IDLE,
                        MAX_HOLD,
                        () -> now);
        EmittingSplitAccess.set(connection);
        generator.onEvent(1000L, 1000L, output);
        output.events.clear();
        return generator;
    }

    private static final class FakeConnection implements EmittingSplit.Connection {
        volatile boolean connected = true;

        @Override
        public boolean isConnected() {
            return connected;
        }
    }

    private static final class RecordingOutput implements WatermarkOutput {
        final List<String> events = new ArrayList<>();

        String last() {
            return events.get(events.size() - 1);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            events.add("watermark " + watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            events.add("idle");
        }

        @Override
        public void markActive() {
            events.add("active");
        }
    }
}
