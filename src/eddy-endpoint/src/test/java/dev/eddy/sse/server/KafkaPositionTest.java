package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaPositionTest {

    @Test
    void anIdIsKThenTheNextOffsetOfEachPartition() {
        assertThat(KafkaPosition.format(new long[] {1234})).isEqualTo("k1234");
        assertThat(KafkaPosition.format(new long[] {1234, 0, 988})).isEqualTo("k1234.0.988");
    }

    @Test
    void parsingReadsWhatFormattingWrote() {
        assertThat(KafkaPosition.parse("k1234.0.988", 3)).containsExactly(1234, 0, 988);
    }

    @Test
    void anIdOfFewerPartitionsThanTheTopicHasIsAccepted() {
        assertThat(KafkaPosition.parse("k7", 4)).containsExactly(7);
    }

    @Test
    void malformedIdsAreRefusedWithTheExpectedForm() {
        for (String id : new String[] {"42", "k", "k1..2", "k1.", "kx", "k-1", "K1", "k1 2"}) {
            assertThatThrownBy(() -> KafkaPosition.parse(id, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed Last-Event-ID")
                    .hasMessageContaining("k1234");
        }
    }

    @Test
    void anIdOfMorePartitionsThanTheTopicHasIsRefused() {
        assertThatThrownBy(() -> KafkaPosition.parse("k1.2", 1))
                .hasMessageContaining("names 2 partitions");
    }

    @Test
    void maxTakesTheFurtherOffsetOfEachPartition() {
        assertThat(KafkaPosition.max(new long[] {5, 1}, new long[] {3, 4, 2}))
                .containsExactly(5, 4, 2);
    }
}
