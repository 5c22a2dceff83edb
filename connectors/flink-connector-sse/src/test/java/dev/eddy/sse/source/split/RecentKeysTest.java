package dev.eddy.sse.source.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentKeysTest {

    @Test
    void reportsARepeatedKeyAsDuplicate() {
        RecentKeys keys = new RecentKeys(3, List.of());

        assertThat(keys.add("a")).isTrue();
        assertThat(keys.add("a")).isFalse();
    }

    @Test
    void forgetsTheOldestKeyBeyondTheHorizon() {
        RecentKeys keys = new RecentKeys(2, List.of());
        keys.add("a");
        keys.add("b");
        keys.add("c");

        assertThat(keys.toList()).containsExactly("b", "c");
        assertThat(keys.add("a")).isTrue();
    }

    @Test
    void startsFromRestoredKeys() {
        RecentKeys keys = new RecentKeys(5, List.of("x", "y"));

        assertThat(keys.add("y")).isFalse();
        assertThat(keys.toList()).containsExactly("x", "y");
    }
}
