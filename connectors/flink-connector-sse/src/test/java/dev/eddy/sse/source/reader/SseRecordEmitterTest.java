package dev.eddy.sse.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.source.SseDeadLetter;
import dev.eddy.sse.source.metrics.SseSourceMetrics;
import dev.eddy.sse.source.metrics.SseSplitMetrics;
import dev.eddy.sse.source.reader.deserializer.SseEventDeserializer;
import dev.eddy.sse.source.reader.deserializer.SseRecord;
import dev.eddy.sse.source.reader.deserializer.SseRecordDeserializer;
import dev.eddy.sse.source.split.SseStreamSplit;
import dev.eddy.sse.source.split.SseStreamSplitState;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class SseRecordEmitterTest {

    private static final String URL = "http://127.0.0.1:1/stream";

    private final MetricListener metrics = new MetricListener();
    private final Counter readerErrors = new SimpleCounter();
    private final Counter readerBytesIn = new SimpleCounter();
    private final TestingReaderOutput<SseRecord> output = new TestingReaderOutput<>();

    @Test
    void emitsEachEventAndAdvancesTheSplitPastIt() throws Exception {
        SseRecordEmitter<SseRecord> emitter = emitter(new SseRecordDeserializer(), false, false);
        SseStreamSplitState split = split(0);

        emitter.emitRecord(FetchedEvent.of(event("1", "{\"n\":1}"), 40), output, split);
        emitter.emitRecord(FetchedEvent.of(event("2", "{\"n\":2}"), 0), output, split);

        assertThat(output.getEmittedRecords())
                .containsExactly(
                        new SseRecord(URL, "1", "message", "{\"n\":1}"),
                        new SseRecord(URL, "2", "message", "{\"n\":2}"));
        assertThat(split.lastEventId()).isEqualTo("2");
        assertThat(split.toSplit().since()).isNull();
        assertThat(counter(SseSourceMetrics.EVENTS)).isEqualTo(2);
        assertThat(readerBytesIn.getCount()).isEqualTo(40);
    }

    @Test
    void aRefusedEventBecomesADeadLetterCountedAsAParseErrorAndThePositionMovesOn()
            throws Exception {
        SseRecordEmitter<SseRecord> emitter = emitter(new RefusingDeserializer(), true, false);
        SseStreamSplitState split = split(0);

        emitter.emitRecord(FetchedEvent.of(event("7", "not json"), 8), output, split);

        assertThat(output.getEmittedRecords()).hasSize(1);
        SseRecord deadLetter = output.getEmittedRecords().get(0);
        assertThat(deadLetter.type).isEqualTo("dead-letter");
        assertThat(deadLetter.lastEventId).isEqualTo("7");
        assertThat(deadLetter.data).startsWith("IOException: refused");
        assertThat(split.lastEventId()).isEqualTo("7");
        assertThat(counter(SseSourceMetrics.PARSE_ERRORS)).isEqualTo(1);
        assertThat(counter(SseSourceMetrics.DEAD_LETTERS)).isEqualTo(1);
        assertThat(readerErrors.getCount()).isEqualTo(1);
    }

    @Test
    void aFailureAfterTheSourceFailsTheTaskAndIsNotTakenForABadEvent() throws Exception {
        SseRecordEmitter<SseRecord> emitter = emitter(new SseRecordDeserializer(), true, false);
        SseStreamSplitState split = split(0);
        TestingReaderOutput<SseRecord> failing =
                new TestingReaderOutput<>() {
                    @Override
                    public void collect(SseRecord record) {
                        throw new IllegalStateException("downstream failed");
                    }
                };

        assertThatThrownBy(
                        () ->
                                emitter.emitRecord(
                                        FetchedEvent.of(event("1", "a"), 0), failing, split))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("downstream failed");
        assertThat(counter(SseSourceMetrics.PARSE_ERRORS)).isZero();
        assertThat(counter(SseSourceMetrics.DEAD_LETTERS)).isZero();
        assertThat(split.lastEventId()).as("the event is not passed").isEmpty();
    }

    @Test
    void anOversizedEventBecomesADeadLetterWithItsPrefix() throws Exception {
        SseRecordEmitter<SseRecord> emitter = emitter(new SseRecordDeserializer(), true, false);
        SseStreamSplitState split = split(0);

        emitter.emitRecord(FetchedEvent.oversized("9", 2_000_000, "{\"huge\":", 0), output, split);

        SseRecord deadLetter = output.getEmittedRecords().get(0);
        assertThat(deadLetter.data).startsWith("oversized");
        assertThat(deadLetter.lastEventId).isEqualTo("9");
        assertThat(split.lastEventId()).isEqualTo("9");
        assertThat(counter(SseSourceMetrics.DEAD_LETTERS)).isEqualTo(1);
        assertThat(counter(SseSourceMetrics.PARSE_ERRORS)).isZero();
    }

    @Test
    void withoutADeadLetterMapperRejectedEventsAreCountedAndDropped() throws Exception {
        SseRecordEmitter<SseRecord> emitter = emitter(new RefusingDeserializer(), false, false);
        SseStreamSplitState split = split(0);

        emitter.emitRecord(FetchedEvent.of(event("1", "x"), 0), output, split);

        assertThat(output.getEmittedRecords()).isEmpty();
        assertThat(counter(SseSourceMetrics.DEAD_LETTERS)).isEqualTo(1);
        assertThat(split.lastEventId()).isEqualTo("1");
    }

    @Test
    void aRepeatedKeyWithinTheHorizonIsDroppedAndCounted() throws Exception {
        SseRecordEmitter<SseRecord> emitter = emitter(new SseRecordDeserializer(), false, true);
        SseStreamSplitState split = split(10);

        emitter.emitRecord(FetchedEvent.of(event("1", "a"), 0), output, split);
        emitter.emitRecord(FetchedEvent.of(event("2", "b"), 0), output, split);
        emitter.emitRecord(FetchedEvent.of(event("3", "a"), 0), output, split);

        assertThat(output.getEmittedRecords()).extracting(r -> r.data).containsExactly("a", "b");
        assertThat(counter(SseSourceMetrics.DUPLICATES_DROPPED)).isEqualTo(1);
        assertThat(split.lastEventId()).isEqualTo("3");
        assertThat(split.toSplit().recentKeys()).containsExactly("a", "b");
    }

    @Test
    void keysRestoredFromACheckpointStillCountAsSeen() throws Exception {
        SseRecordEmitter<SseRecord> emitter = emitter(new SseRecordDeserializer(), false, true);
        SseStreamSplitState split =
                new SseStreamSplitState(
                        new SseStreamSplit("stream-0", URL, "5", null, List.of("a")),
                        10,
                        splitMetrics());

        emitter.emitRecord(FetchedEvent.of(event("6", "a"), 0), output, split);

        assertThat(output.getEmittedRecords()).isEmpty();
        assertThat(split.lastEventId()).isEqualTo("6");
    }

    @Test
    void aDeadLetterNamesItsStreamWithCredentialsMasked() throws Exception {
        SseRecordEmitter<SseRecord> emitter = emitter(new RefusingDeserializer(), true, false);
        SseStreamSplitState split =
                new SseStreamSplitState(
                        new SseStreamSplit(
                                "stream-0",
                                "https://u:pw@h/s?access_token=s3cret",
                                "",
                                null,
                                List.of()),
                        0,
                        splitMetrics());

        emitter.emitRecord(FetchedEvent.of(event("1", "x"), 0), output, split);

        String streamUrl = output.getEmittedRecords().get(0).streamUrl;
        assertThat(streamUrl).startsWith("https://").doesNotContain("s3cret").doesNotContain("pw");
    }

    @Test
    void whileASplitsRecordsAreEmittedItsConnectionIsTheEmittingOne() throws Exception {
        List<Object> seen = new java.util.ArrayList<>();
        SseRecordEmitter<SseRecord> emitter =
                emitter(
                        new SseEventDeserializer<SseRecord>() {
                            @Override
                            public void deserialize(
                                    SseEvent event, String streamUrl, Collector<SseRecord> out) {
                                seen.add(EmittingSplit.current());
                            }

                            @Override
                            public TypeInformation<SseRecord> getProducedType() {
                                return TypeInformation.of(SseRecord.class);
                            }
                        },
                        false,
                        false);
        SseStreamSplitState first = split(0);
        SseStreamSplitState second = split(0);

        emitter.emitRecord(FetchedEvent.of(event("1", "a"), 0), output, first);
        emitter.emitRecord(FetchedEvent.of(event("2", "b"), 0), output, second);
        emitter.emitRecord(FetchedEvent.of(event("3", "c"), 0), output, first);

        assertThat(seen).containsExactly(first.metrics(), second.metrics(), first.metrics());
    }

    private SseRecordEmitter<SseRecord> emitter(
            SseEventDeserializer<SseRecord> deserializer, boolean deadLetters, boolean dedup) {
        return new SseRecordEmitter<>(
                deserializer,
                deadLetters
                        ? (SseDeadLetter dead) ->
                                new SseRecord(
                                        dead.streamUrl(),
                                        dead.lastEventId(),
                                        "dead-letter",
                                        dead.reason())
                        : null,
                dedup ? record -> record.data : null);
    }

    private SseStreamSplitState split(int dedupHorizon) {
        return new SseStreamSplitState(
                new SseStreamSplit("stream-0", URL, "", null, List.of()),
                dedupHorizon,
                splitMetrics());
    }

    private SseSplitMetrics splitMetrics() {
        return new SseSplitMetrics(
                metrics.getMetricGroup(), "stream-0", readerErrors, readerBytesIn);
    }

    private long counter(String name) {
        return metrics.getCounter(SseSourceMetrics.STREAM_GROUP, "stream-0", name)
                .orElseThrow()
                .getCount();
    }

    private static SseEvent event(String id, String data) {
        return new SseEvent(id, "message", data);
    }

    /** Refuses every event, as a deserializer does with malformed input. */
    private static final class RefusingDeserializer implements SseEventDeserializer<SseRecord> {
        @Override
        public void deserialize(SseEvent event, String streamUrl, Collector<SseRecord> out)
                throws IOException {
            throw new IOException("refused " + event.data());
        }

        @Override
        public TypeInformation<SseRecord> getProducedType() {
            return TypeInformation.of(SseRecord.class);
        }
    }
}
