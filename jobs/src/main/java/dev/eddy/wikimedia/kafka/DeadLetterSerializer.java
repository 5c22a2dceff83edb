package dev.eddy.wikimedia.kafka;

import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes dead letters as JSON to {@code eddy.dead-letters}, keyed by the stream URL they came from.
 */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetterRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetterRecord deadLetter, KafkaSinkContext context, @Nullable Long timestamp) {
        return new ProducerRecord<>(
                Topics.DEAD_LETTERS,
                null,
                null,
                deadLetter.getStreamUrl().getBytes(StandardCharsets.UTF_8),
                deadLetter.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
