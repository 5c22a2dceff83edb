package dev.eddy.wikimedia.kafka;

import dev.eddy.wikimedia.record.AggregateRecord;
import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes each aggregate record to its stream's topic {@code eddy.<stream>}, keyed {@code
 * <key>@<window_start>}, the record's JSON as value. The Kafka timestamp is left to the producer
 * (wall-clock): event time may be years old for replayed recordings, and time-based retention must
 * not delete them on arrival.
 */
public class AggregateRecordSerializer implements KafkaRecordSerializationSchema<AggregateRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            AggregateRecord record, KafkaSinkContext context, @Nullable Long timestamp) {
        return new ProducerRecord<>(
                Topics.ofStream(record.getStream()),
                null,
                null,
                record.kafkaKey().getBytes(StandardCharsets.UTF_8),
                record.getJson().getBytes(StandardCharsets.UTF_8));
    }
}
