package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionDeduplicatorTest {

    private final RevisionDeduplicator deduplicator = new RevisionDeduplicator(100);

    @Test
    void aHigherRevisionOfTheSameWindowIsNew() {
        assertThat(deduplicator.isNew(update("enwiki", "16:00", 1))).isTrue();
        assertThat(deduplicator.isNew(update("enwiki", "16:00", 2))).isTrue();
    }

    @Test
    void theSameRevisionAgainIsADuplicate() {
        deduplicator.isNew(update("enwiki", "16:00", 1));

        assertThat(deduplicator.isNew(update("enwiki", "16:00", 1))).isFalse();
    }

    @Test
    void aLowerRevisionAfterAHigherOneIsADuplicate() {
        deduplicator.isNew(update("enwiki", "16:00", 3));

        assertThat(deduplicator.isNew(update("enwiki", "16:00", 2))).isFalse();
    }

    @Test
    void otherKeysAndWindowsAreIndependent() {
        deduplicator.isNew(update("enwiki", "16:00", 1));

        assertThat(deduplicator.isNew(update("dewiki", "16:00", 1))).isTrue();
        assertThat(deduplicator.isNew(update("enwiki", "16:01", 1))).isTrue();
    }

    @Test
    void recordsWithoutAnIdentityAreAlwaysNew() {
        assertThat(deduplicator.isNew(Map.of("n", "1"))).isTrue();
        assertThat(deduplicator.isNew(Map.of("n", "1"))).isTrue();
        assertThat(
                        deduplicator.isNew(
                                Map.of(
                                        "key",
                                        "a",
                                        "window_start",
                                        "x",
                                        "revision",
                                        "not a number")))
                .isTrue();
    }

    @Test
    void theOldestWindowsAreForgottenBeyondTheBound() {
        RevisionDeduplicator small = new RevisionDeduplicator(2);
        small.isNew(update("a", "w", 1));
        small.isNew(update("b", "w", 1));
        small.isNew(update("c", "w", 1));

        assertThat(small.isNew(update("a", "w", 1))).isTrue();
    }

    private static Map<String, String> update(String key, String windowStart, long revision) {
        return Map.of("key", key, "window_start", windowStart, "revision", Long.toString(revision));
    }
}
