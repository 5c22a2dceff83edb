package dev.eddy.wikimedia.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RecordSerializersTest {

    private static final long START = Instant.parse("2018-03-07T16:16:00Z").toEpochMilli();

    @Test
    void aggregateRecordGoesToItsStreamsTopicKeyedByKeyAtWindowStart() {
        AggregateRecord record =
                new AggregateRecord(
                        "edits-per-wiki",
                        "enwiki",
                        START,
                        START + 60_000,
                        false,
                        2,
                        "{\"stream\":\"edits-per-wiki\"}");

        ProducerRecord<byte[], byte[]> kafkaRecord =
                new AggregateRecordSerializer().serialize(record, null, START);

        assertThat(kafkaRecord.topic()).isEqualTo("eddy.edits-per-wiki");
        assertThat(text(kafkaRecord.key())).isEqualTo("enwiki@2018-03-07T16:16:00Z");
        assertThat(text(kafkaRecord.value())).isEqualTo("{\"stream\":\"edits-per-wiki\"}");
    }

    @Test
    void aggregateRecordLeavesTheKafkaTimestampToTheProducer() {
        AggregateRecord record =
                new AggregateRecord("activity", "all", START, START + 10_000, true, 1, "{}");

        assertThat(
                        new AggregateRecordSerializer()
                                .serialize(record, null, START + 9_999)
                                .timestamp())
                .isNull();
    }

    @Test
    void deadLetterGoesToTheDeadLetterTopicAsContractJson() {
        DeadLetterRecord deadLetter =
                new DeadLetterRecord(
                        "missing field 'wiki'",
                        "{\"meta\":{}}",
                        "http://127.0.0.1:9999/v2/stream/recentchange",
                        "[{\"offset\":3}]",
                        Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli());

        ProducerRecord<byte[], byte[]> kafkaRecord =
                new DeadLetterSerializer().serialize(deadLetter, null, null);

        assertThat(kafkaRecord.topic()).isEqualTo("eddy.dead-letters");
        assertThat(text(kafkaRecord.value()))
                .isEqualTo(
                        "{\"reason\":\"missing field 'wiki'\",\"raw\":\"{\\\"meta\\\":{}}\","
                                + "\"stream_url\":\"http://127.0.0.1:9999/v2/stream/recentchange\","
                                + "\"last_event_id\":\"[{\\\"offset\\\":3}]\",\"at\":\"2026-01-02T03:04:05.678Z\","
                                + "\"raw_bytes\":11,\"raw_truncated\":false}");
        assertThat(kafkaRecord.timestamp()).isNull();
    }

    @Test
    void topicsAreNamedAfterTheStreams() {
        assertThat(Topics.aggregates())
                .containsExactly("eddy.edits-per-wiki", "eddy.top-pages", "eddy.activity");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
