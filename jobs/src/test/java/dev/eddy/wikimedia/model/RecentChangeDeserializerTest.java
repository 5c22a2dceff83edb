package dev.eddy.wikimedia.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.replay.synthetic.SyntheticRecentChanges;
import dev.eddy.sse.source.SseDeadLetter;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class RecentChangeDeserializerTest {

    private static final String STREAM = "http://127.0.0.1:9999/v2/stream/recentchange";

    private final RecentChangeDeserializer deserializer = new RecentChangeDeserializer();

    @Test
    void emitsTheDecodedChange() throws Exception {
        List<WikiInput> out =
                deserialize(
                        new SseEvent(
                                "id-1",
                                "message",
                                RecentChangeDecoderTest.resource(
                                        "events/current-schema-edit.json")));

        assertThat(out)
                .singleElement()
                .satisfies(
                        input -> {
                            assertThat(input.holdsDeadLetter()).isFalse();
                            assertThat(input.getChange().getWiki()).isEqualTo("enwiki");
                        });
    }

    @Test
    void anEventTimeFarAheadOfTheClockBecomesADeadLetter() {
        Instant future = Instant.now().plus(Duration.ofHours(1));
        String event = SyntheticRecentChanges.event(new Random(1), future.toEpochMilli());

        List<WikiInput> out = deserialize(new SseEvent("id-9", "message", event));

        assertThat(out)
                .singleElement()
                .satisfies(
                        input -> {
                            assertThat(input.getChange()).isNull();
                            assertThat(input.getDeadLetter().getReason())
                                    .startsWith(RecentChangeDeserializer.FUTURE_EVENT_REASON + ": ")
                                    .contains(future.toString().substring(0, 16));
                        });
    }

    @Test
    void anEventTimeSlightlyAheadOfTheClockIsKept() {
        long soon = Instant.now().plus(Duration.ofSeconds(30)).toEpochMilli();

        List<WikiInput> out =
                deserialize(
                        new SseEvent(
                                "id-9",
                                "message",
                                SyntheticRecentChanges.event(new Random(1), soon)));

        assertThat(out)
                .singleElement()
                .satisfies(input -> assertThat(input.getChange()).isNotNull());
    }

    @Test
    void dropsCanaryEvents() throws Exception {
        List<WikiInput> out =
                deserialize(
                        new SseEvent(
                                "id-1",
                                "message",
                                RecentChangeDecoderTest.resource("events/canary.json")));

        assertThat(out).isEmpty();
    }

    @Test
    void turnsAMalformedEventIntoADeadLetterWithReasonRawStreamAndId() {
        List<WikiInput> out = deserialize(new SseEvent("[{\"offset\":7}]", "message", "{not json"));

        assertThat(out)
                .singleElement()
                .satisfies(
                        input -> {
                            assertThat(input.getChange()).isNull();
                            DeadLetterRecord deadLetter = input.getDeadLetter();
                            assertThat(deadLetter.getReason()).startsWith("invalid JSON: ");
                            assertThat(deadLetter.getRaw()).isEqualTo("{not json");
                            assertThat(deadLetter.getStreamUrl()).isEqualTo(STREAM);
                            assertThat(deadLetter.getLastEventId()).isEqualTo("[{\"offset\":7}]");
                            assertThat(deadLetter.getAtEpochMillis()).isPositive();
                        });
    }

    @Test
    void mapsTheSourcesDeadLettersToInputs() {
        WikiInput input =
                WikiInput.ofSourceDeadLetter(
                        new SseDeadLetter(
                                "oversized: 2097152 bytes > 1048576",
                                "{\"a\":",
                                STREAM,
                                "42",
                                1000L));

        assertThat(input.getDeadLetter())
                .isEqualTo(
                        new DeadLetterRecord(
                                "oversized: 2097152 bytes > 1048576",
                                "{\"a\":",
                                STREAM,
                                "42",
                                1000L));
    }

    @Test
    void producesATypeWithItsOwnSerializerSoFlinkDoesNotFallBackToKryo() {
        TypeInformation<WikiInput> type = deserializer.getProducedType();

        assertThat(type.createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(WikiInput.Serializer.class);
        assertThat(TypeInformation.of(RecentChange.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(DeadLetterRecord.class)).isInstanceOf(PojoTypeInfo.class);
    }

    private List<WikiInput> deserialize(SseEvent event) {
        List<WikiInput> out = new ArrayList<>();
        deserializer.deserialize(
                event,
                STREAM,
                new Collector<>() {
                    @Override
                    public void collect(WikiInput record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }
}
