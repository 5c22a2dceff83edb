package dev.eddy.sse.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sse.source.SseStartPosition;
import dev.eddy.sse.source.split.ConfiguredStreams;
import dev.eddy.sse.source.split.SseRestoredSplitsEvent;
import dev.eddy.sse.source.split.SseSplitDescriptor;
import dev.eddy.sse.source.split.SseStreamSpec;
import dev.eddy.sse.source.split.SseStreamSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class SseSplitEnumeratorTest {

    @Test
    void aFreshJobGivesEachStreamASplitAndEachReaderTheSplitsItsNumberPicks() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            SseSplitEnumerator enumerator =
                    new SseSplitEnumerator(
                            context,
                            streams("http://h/0", "http://h/1", "http://h/2"),
                            SseStartPosition.afterEventId("7"));
            enumerator.start();

            register(context, enumerator, 1);
            register(context, enumerator, 0);

            assertThat(assignedIds(context))
                    .containsEntry(0, List.of("stream-0", "stream-2"))
                    .containsEntry(1, List.of("stream-1"));
            assertThat(assignedSplits(context))
                    .allSatisfy(split -> assertThat(split.lastEventId()).isEqualTo("7"));
            assertThat(enumerator.snapshotState(1).unassignedSplits()).isEmpty();
            assertThat(enumerator.snapshotState(1).assignedSplits()).hasSize(3);
        }
    }

    @Test
    void splitsOfAReaderNotYetRegisteredStayInTheCheckpoint() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            SseSplitEnumerator enumerator = fresh(context, "http://h/0", "http://h/1");
            enumerator.start();

            register(context, enumerator, 0);

            assertThat(assignedIds(context)).containsOnlyKeys(0);
            assertThat(enumerator.snapshotState(1).unassignedSplits())
                    .extracting(SseStreamSplit::splitId)
                    .containsExactly("stream-1");
        }
    }

    @Test
    void splitsAddedBackAfterAFailureGoToTheReaderAgainOnceItIsBack() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(1)) {
            SseSplitEnumerator enumerator = fresh(context, "http://h/0");
            enumerator.start();
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
            SseSplitEnumerator enumerator = fresh(context, "http://h/0");
            enumerator.start();
            for (int reader = 0; reader < 3; reader++) {
                register(context, enumerator, reader);
                enumerator.handleSplitRequest(reader, "localhost");
            }

            for (int reader = 0; reader < 3; reader++) {
                assertThat(context.hasNoMoreSplits(reader)).isFalse();
            }
        }
    }

    @Test
    void onARestoreSplitsAreMatchedByUrlNotByPosition() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(1)) {
            SseEnumeratorState checkpoint =
                    new SseEnumeratorState(
                            List.of(),
                            List.of(
                                    new SseSplitDescriptor("stream-0", null, "http://a/s"),
                                    new SseSplitDescriptor("stream-1", null, "http://b/s")),
                            true);
            SseSplitEnumerator enumerator =
                    new SseSplitEnumerator(
                            context,
                            streams("http://b/s", "http://c/s"),
                            SseStartPosition.latest(),
                            checkpoint);
            enumerator.start();
            register(context, enumerator, 0);

            assertThat(assignedSplits(context))
                    .singleElement()
                    .satisfies(
                            split -> {
                                assertThat(split.streamUrl()).isEqualTo("http://c/s");
                                assertThat(split.splitId()).isEqualTo("stream-2");
                                assertThat(split.lastEventId()).isEmpty();
                            });
            assertThat(enumerator.snapshotState(1).assignedSplits())
                    .extracting(SseSplitDescriptor::streamUrl)
                    .containsExactlyInAnyOrder("http://b/s", "http://c/s");
        }
    }

    @Test
    void aNamedStreamKeepsItsPositionWhenItsUrlChanges() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(1)) {
            SseStreamSplit before =
                    new SseStreamSplit(
                            "stream-0", "http://127.0.0.1:1111/rc", "41", null, List.of(), "rc");
            SseSplitEnumerator enumerator =
                    new SseSplitEnumerator(
                            context,
                            streams("rc=http://127.0.0.1:2222/rc"),
                            SseStartPosition.latest(),
                            new SseEnumeratorState(List.of(before), List.of(), true));
            enumerator.start();
            register(context, enumerator, 0);

            assertThat(assignedSplits(context))
                    .containsExactly(before.readingStream("rc", "http://127.0.0.1:2222/rc"));
        }
    }

    @Test
    void anUnnamedStreamWhoseUrlChangedIsANewStream() throws Exception {
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(1)) {
            SseStreamSplit before =
                    new SseStreamSplit(
                            "stream-0", "http://127.0.0.1:1111/rc", "41", null, List.of());
            SseSplitEnumerator enumerator =
                    new SseSplitEnumerator(
                            context,
                            streams("http://127.0.0.1:2222/rc"),
                            SseStartPosition.latest(),
                            new SseEnumeratorState(List.of(before), List.of(), true));
            enumerator.start();
            register(context, enumerator, 0);

            assertThat(assignedSplits(context))
                    .singleElement()
                    .satisfies(
                            split -> {
                                assertThat(split.streamUrl()).isEqualTo("http://127.0.0.1:2222/rc");
                                assertThat(split.lastEventId()).isEmpty();
                            });
        }
    }

    @Test
    void restoredFromVersionOneItAddsSplitsForNewStreamsOnceEveryReaderReported() throws Exception {
        byte[] versionOneWithoutUnassignedSplits = {0, 0, 0, 1, 0, 0, 0, 0};
        SseEnumeratorState checkpoint =
                new SseEnumeratorStateSerializer()
                        .deserialize(1, versionOneWithoutUnassignedSplits);
        try (MockSplitEnumeratorContext<SseStreamSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            SseSplitEnumerator enumerator =
                    new SseSplitEnumerator(
                            context,
                            streams("http://a/s", "http://b/s", "http://c/s"),
                            SseStartPosition.latest(),
                            checkpoint);
            enumerator.start();
            register(context, enumerator, 0);
            register(context, enumerator, 1);
            enumerator.handleSourceEvent(
                    0,
                    new SseRestoredSplitsEvent(
                            List.of(new SseSplitDescriptor("stream-0", null, "http://a/s"))));
            assertThat(assignedSplits(context)).isEmpty();

            enumerator.handleSourceEvent(
                    1,
                    new SseRestoredSplitsEvent(
                            List.of(new SseSplitDescriptor("stream-1", null, "http://b/s"))));

            assertThat(assignedSplits(context))
                    .singleElement()
                    .satisfies(split -> assertThat(split.streamUrl()).isEqualTo("http://c/s"));
            assertThat(enumerator.snapshotState(1).assignedSplitsKnown()).isTrue();
        }
    }

    private static SseSplitEnumerator fresh(
            MockSplitEnumeratorContext<SseStreamSplit> context, String... urls) {
        return new SseSplitEnumerator(context, streams(urls), SseStartPosition.latest());
    }

    private static ConfiguredStreams streams(String... specs) {
        return new ConfiguredStreams(Arrays.stream(specs).map(SseStreamSpec::parse).toList());
    }

    private static void register(
            MockSplitEnumeratorContext<SseStreamSplit> context,
            SseSplitEnumerator enumerator,
            int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
        enumerator.addReader(subtask);
    }

    private static List<SseStreamSplit> assignedSplits(
            MockSplitEnumeratorContext<SseStreamSplit> context) {
        List<SseStreamSplit> splits = new ArrayList<>();
        context.getSplitsAssignmentSequence()
                .forEach(assignment -> assignment.assignment().values().forEach(splits::addAll));
        return splits;
    }

    private static Map<Integer, List<String>> assignedIds(
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
}
