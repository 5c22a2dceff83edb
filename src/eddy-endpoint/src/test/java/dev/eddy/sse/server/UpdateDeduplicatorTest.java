package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateDeduplicatorTest {

    private final UpdateDeduplicator deduplicator = new UpdateDeduplicator(100);

    @Test
    void theSameUpdateAgainIsADuplicate() {
        publish(update("enwiki", "16:00", 1, false, 10));

        assertThat(isDuplicate(update("enwiki", "16:00", 1, false, 10))).isTrue();
    }

    @Test
    void aHigherRevisionOfTheSameWindowIsNew() {
        publish(update("enwiki", "16:00", 1, false, 10));

        assertThat(isDuplicate(update("enwiki", "16:00", 2, false, 12))).isFalse();
    }

    @Test
    void afterAFailoverAFinalWithALowerRevisionThanAnEarlyUpdateIsNotDropped() {
        publish(update("enwiki", "16:00", 4, false, 40));
        publish(update("enwiki", "16:00", 5, false, 50));

        assertThat(isDuplicate(update("enwiki", "16:00", 4, true, 44))).isFalse();
    }

    @Test
    void theSameRevisionWithOtherContentIsNotDropped() {
        publish(update("enwiki", "16:00", 3, false, 30));

        assertThat(isDuplicate(update("enwiki", "16:00", 3, false, 31))).isFalse();
    }

    @Test
    void anUpdateCheckedButNeverRememberedIsNotADuplicate() {
        isDuplicate(update("enwiki", "16:00", 1, false, 10));

        assertThat(isDuplicate(update("enwiki", "16:00", 1, false, 10))).isFalse();
    }

    @Test
    void otherKeysAndWindowsAreIndependent() {
        publish(update("enwiki", "16:00", 1, false, 10));

        assertThat(isDuplicate(update("dewiki", "16:00", 1, false, 10))).isFalse();
        assertThat(isDuplicate(update("enwiki", "16:01", 1, false, 10))).isFalse();
    }

    @Test
    void recordsWithoutAnIdentityAreNeverDuplicates() {
        Map<String, String> noIdentity = Map.of("n", "1");
        deduplicator.remember(noIdentity, bytes("{\"n\":1}"));
        Map<String, String> textRevision =
                Map.of("key", "a", "window_start", "x", "revision", "not a number");
        deduplicator.remember(textRevision, bytes("{}"));

        assertThat(deduplicator.isDuplicate(noIdentity, bytes("{\"n\":1}"))).isFalse();
        assertThat(deduplicator.isDuplicate(textRevision, bytes("{}"))).isFalse();
    }

    @Test
    void theOldestWindowsAreForgottenBeyondTheBound() {
        UpdateDeduplicator small = new UpdateDeduplicator(2);
        for (String key : new String[] {"a", "b", "c"}) {
            String[] record = update(key, "w", 1, false, 1);
            small.remember(fields(record), bytes(record[0]));
        }

        String[] first = update("a", "w", 1, false, 1);
        assertThat(small.isDuplicate(fields(first), bytes(first[0]))).isFalse();
    }

    private void publish(String[] record) {
        deduplicator.remember(fields(record), bytes(record[0]));
    }

    private boolean isDuplicate(String[] record) {
        return deduplicator.isDuplicate(fields(record), bytes(record[0]));
    }

    /** {json, key, window_start, revision}. */
    private static String[] update(
            String key, String windowStart, long revision, boolean isFinal, int events) {
        String json =
                "{\"key\":\""
                        + key
                        + "\",\"window_start\":\""
                        + windowStart
                        + "\",\"final\":"
                        + isFinal
                        + ",\"revision\":"
                        + revision
                        + ",\"events\":"
                        + events
                        + "}";
        return new String[] {json, key, windowStart, Long.toString(revision)};
    }

    private static Map<String, String> fields(String[] record) {
        return Map.of("key", record[1], "window_start", record[2], "revision", record[3]);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
