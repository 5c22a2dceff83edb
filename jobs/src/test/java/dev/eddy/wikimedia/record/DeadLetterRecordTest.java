package dev.eddy.wikimedia.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.wikimedia.kafka.DeadLetterSerializer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL = "http://127.0.0.1:9999/v2/stream/recentchange";

    @Test
    void aSmallEventIsKeptWhole() throws Exception {
        JsonNode json = json(new DeadLetterRecord("bad", "{\"x\":é}", URL, "[]", 0));

        assertThat(json.get("raw").asText()).isEqualTo("{\"x\":é}");
        assertThat(json.get("raw_bytes").asLong()).isEqualTo(8);
        assertThat(json.get("raw_truncated").asBoolean()).isFalse();
    }

    @Test
    void aMebibyteOfControlCharactersIsCutToTheBudgetAndSaysSo() throws Exception {
        String raw = "\u0001".repeat(1 << 20);
        DeadLetterRecord deadLetter = new DeadLetterRecord("bad", raw, URL, "[]", 0);

        String text = deadLetter.toJson();
        JsonNode json = JSON.readTree(text);

        assertThat(text.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(DeadLetterRecord.MAX_RAW_BYTES + 1024);
        assertThat(json.get("raw_truncated").asBoolean()).isTrue();
        assertThat(json.get("raw_bytes").asLong()).isEqualTo(1 << 20);
        assertThat(raw).startsWith(json.get("raw").asText());
        assertThat(json.get("raw").asText()).hasSize(DeadLetterRecord.MAX_RAW_BYTES / 6);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String raw = "😀".repeat(DeadLetterRecord.MAX_RAW_BYTES);

        String kept = new DeadLetterRecord("bad", raw, URL, "[]", 0).getRaw();

        assertThat(kept).hasSize(DeadLetterRecord.MAX_RAW_BYTES / 2);
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    }

    @Test
    void aHugeReasonOrIdIsCutWithAMark() throws Exception {
        JsonNode json =
                json(new DeadLetterRecord("r".repeat(100_000), "x", URL, "i".repeat(100_000), 0));

        assertThat(json.get("reason").asText())
                .hasSizeLessThan(DeadLetterRecord.MAX_FIELD_BYTES)
                .endsWith("…");
        assertThat(json.get("last_event_id").asText())
                .hasSizeLessThan(DeadLetterRecord.MAX_FIELD_BYTES)
                .endsWith("…");
    }

    @Test
    void credentialsOfTheStreamUrlAreMaskedInTheRecordAndItsKafkaKey() throws Exception {
        DeadLetterRecord deadLetter =
                new DeadLetterRecord(
                        "bad", "x", "https://user:pw@example.org/s?access_token=s3cret", "[]", 0);

        ProducerRecord<byte[], byte[]> record =
                new DeadLetterSerializer().serialize(deadLetter, null, null);
        String key = new String(record.key(), StandardCharsets.UTF_8);
        String value = new String(record.value(), StandardCharsets.UTF_8);

        assertThat(key).doesNotContain("s3cret", "pw@").contains("access_token=redacted");
        assertThat(JSON.readTree(value).get("stream_url").asText()).isEqualTo(key);
        assertThat(value + deadLetter).doesNotContain("s3cret", "pw@");
    }

    private static JsonNode json(DeadLetterRecord deadLetter) throws Exception {
        return JSON.readTree(deadLetter.toJson());
    }
}
