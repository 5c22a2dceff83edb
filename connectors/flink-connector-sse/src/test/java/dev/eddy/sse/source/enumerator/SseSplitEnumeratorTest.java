package dev.eddy.sse.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sse.source.split.SseStreamSplit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class SseSplitEnumeratorTest {

    @Test
    void eachReaderGetsTheSplitsItsPositionPicksWhenItRegisters() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            SseSplitEnumerator enumerator = new SseSplitEnumerator(context, splits(3));
            enumerator.start();

            register(context, enumerator, 1);
            register(context, enumerator, 0);

            assertThat(assigned(context))
                    .containsEntry(0, List.of("stream-0", "stream-2"))
                    .containsEntry(1, List.of("stream-1"));
            assertThat(enumerator.snapshotState(1).unassignedSplits()).isEmpty();
        }
    }

    @Test
    void splitsOfAReaderNotYetRegisteredStayInTheCheckpoint() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            SseSplitEnumerator enumerator = new SseSplitEnumerator(context, splits(2));

            register(context, enumerator, 0);

            assertThat(assigned(context)).containsOnlyKeys(0);
            assertThat(enumerator.snapshotState(1).unassignedSplits())
                    .extracting(SseStreamSplit::splitId)
                    .containsExactly("stream-1");
        }
    }

    @Test
    void splitsAddedBackAfterAFailureGoToTheReaderAgainOnceItIsBack() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(1)) {
            SseSplitEnumerator enumerator = new SseSplitEnumerator(context, splits(1));
            register(context, enumerator, 0);
            context.unregisterReader(0);
            SseStreamSplit resumed =
                    new SseStreamSplit("stream-0", "http://h/0", "41", null, List.of());

            enumerator.addSplitsBack(List.of(resumed), 0);
            assertThat(enumerator.snapshotState(2).unassignedSplits()).containsExactly(resumed);
            register(context, enumerator, 0);

            List<SplitsAssignment<SseStreamSplit>> sequence = context.getSplitsAssignmentSequence();
            assertThat(sequence.get(sequence.size() - 1).assignment().get(0))
                    .containsExactly(resumed);
            assertThat(enumerator.snapshotState(3).unassignedSplits()).isEmpty();
        }
    }

    @Test
    void readersAreNeverToldThatNoMoreSplitsWillCome() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(3)) {
            SseSplitEnumerator enumerator = new SseSplitEnumerator(context, splits(1));
            for (int reader = 0; reader < 3; reader++) {
                register(context, enumerator, reader);
                enumerator.handleSplitRequest(reader, "localhost");
            }

            for (int reader = 0; reader < 3; reader++) {
                assertThat(context.hasNoMoreSplits(reader)).isFalse();
            }
        }
    }

    private static void register(
            MockSplitEnumeratorContext<SseStreamSplit> context,
            SseSplitEnumerator enumerator,
            int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
        enumerator.addReader(subtask);
    }

    private static Map<Integer, List<String>> assigned(
            MockSplitEnumeratorContext<SseStreamSplit> context) {
        return context.getSplitsAssignmentSequence().stream()
                .flatMap(assignment -> assignment.assignment().entrySet().stream())
                .collect(
                        Collectors.groupingBy(
                                Map.Entry::getKey,
                                Collectors.flatMapping(
                                        entry ->
                                                entry.getValue().stream()
                                                        .map(SseStreamSplit::splitId),
                                        Collectors.toList())));
    }

    private static List<SseStreamSplit> splits(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(
                        i ->
                                new SseStreamSplit(
                                        SseStreamSplit.idOf(i),
                                        "http://h/" + i,
                                        "",
                                        null,
                                        List.of()))
                .toList();
    }
}
