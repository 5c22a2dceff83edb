package dev.eddy.sse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sse.protocol.RecordingListener.Oversized;
import dev.eddy.sse.protocol.RecordingListener.Retry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private final RecordingListener listener = new RecordingListener();
    private SseParser parser = new SseParser(listener, SseParser.DEFAULT_MAX_EVENT_BYTES, "");

    @Nested
    class Dispatch {

        @Test
        void blankLineDispatchesTheEvent() {
            feed("data: hello\n\n");

            assertThat(listener.calls).containsExactly(message("", "hello"));
        }

        @Test
        void eventWithoutTypeIsAMessage() {
            feed("data: x\n\n");

            assertThat(listener.events()).extracting(SseEvent::type).containsExactly("message");
        }

        @Test
        void multipleDataLinesAreJoinedWithLf() {
            feed("data: one\ndata: two\ndata: three\n\n");

            assertThat(listener.events()).containsExactly(message("", "one\ntwo\nthree"));
        }

        @Test
        void blankLineWithoutDataDispatchesNothing() {
            feed("event: ping\n\n");

            assertThat(listener.calls).isEmpty();
        }

        @Test
        void blankLineWithoutDataResetsTheEventType() {
            feed("event: ping\n\ndata: x\n\n");

            assertThat(listener.events()).containsExactly(message("", "x"));
        }

        @Test
        void eventTypeIsResetAfterDispatch() {
            feed("event: edit\ndata: a\n\ndata: b\n\n");

            assertThat(listener.events())
                    .containsExactly(new SseEvent("", "edit", "a"), message("", "b"));
        }

        @Test
        void emptyDataLineDispatchesEmptyData() {
            feed("data:\n\n");

            assertThat(listener.events()).containsExactly(message("", ""));
        }

        @Test
        void onlyOneTrailingLfIsRemovedFromTheData() {
            feed("data: a\ndata:\n\n");

            assertThat(listener.events()).containsExactly(message("", "a\n"));
        }

        @Test
        void multipleEventsInOneFeedAreDispatchedInOrder() {
            feed("data: 1\n\ndata: 2\n\ndata: 3\n\n");

            assertThat(listener.events())
                    .containsExactly(message("", "1"), message("", "2"), message("", "3"));
        }

        @Test
        void dataBeforeTheFirstBlankLineOfTheNextEventIsNotMixedIn() {
            feed("data: first\n\ndata: second\n\n");

            assertThat(listener.events())
                    .extracting(SseEvent::data)
                    .containsExactly("first", "second");
        }

        @Test
        void unterminatedEventAtEndOfStreamIsDiscarded() {
            feed("data: complete\n\ndata: incomplete\n");
            parser.endOfStream();

            assertThat(listener.events()).containsExactly(message("", "complete"));
        }

        @Test
        void unterminatedLineAtEndOfStreamIsDiscarded() {
            feed("data: complete\n\ndata: cut");
            parser.endOfStream();

            assertThat(listener.events()).containsExactly(message("", "complete"));
        }

        @Test
        void feedAfterEndOfStreamIsRejected() {
            parser.endOfStream();

            assertThatThrownBy(() -> feed("data: x\n\n"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("new SseParser");
        }

        @Test
        void feedReadsOnlyTheGivenRangeOfTheBuffer() {
            byte[] buffer = utf8("data: garbage\n\ndata: wanted\n\ndata: garbage\n\n");
            int offset = "data: garbage\n\n".length();

            parser.feed(buffer, offset, "data: wanted\n\n".length());

            assertThat(listener.events()).containsExactly(message("", "wanted"));
        }

        @Test
        void invalidRangeIsRejected() {
            assertThatThrownBy(() -> parser.feed(new byte[4], 3, 2))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void nonPositiveMaximumIsRejected() {
            assertThatThrownBy(() -> new SseParser(listener, 0, ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxEventBytes");
        }

        @Test
        void asciiDataBytesArePassedUnchanged() {
            feed("data: {\"a\":1}\n\n");

            assertThat(listener.events().get(0).dataUtf8()).isEqualTo(utf8("{\"a\":1}"));
        }
    }

    @Nested
    class LineEnds {

        @ParameterizedTest
        @ValueSource(strings = {"\n", "\r", "\r\n"})
        void eachLineEndEndsALine(String lineEnd) {
            feed("data: a" + lineEnd + "data: b" + lineEnd + lineEnd);

            assertThat(listener.events()).containsExactly(message("", "a\nb"));
        }

        @Test
        void mixedLineEndsInOneStreamAllWork() {
            feed("data: a\rdata: b\r\ndata: c\n\r\n");

            assertThat(listener.events()).containsExactly(message("", "a\nb\nc"));
        }

        @Test
        void crlfIsOneLineEndNotABlankLine() {
            feed("data: a\r\ndata: b\r\n\r\n");

            assertThat(listener.events()).containsExactly(message("", "a\nb"));
        }

        @Test
        void crCrIsALineEndAndABlankLine() {
            feed("data: a\r\rdata: b\r\r");

            assertThat(listener.events()).containsExactly(message("", "a"), message("", "b"));
        }

        @Test
        void lfCrIsALineEndAndABlankLine() {
            feed("data: a\n\rdata: b\n\r");

            assertThat(listener.events()).containsExactly(message("", "a"), message("", "b"));
        }

        @Test
        void crAtTheEndOfAFeedAndLfAtTheStartOfTheNextAreOneLineEnd() {
            feed("data: a\r");
            feed("\ndata: b\r");
            feed("\n\r");
            feed("\n");

            assertThat(listener.events()).containsExactly(message("", "a\nb"));
        }

        @Test
        void emptyFeedBetweenCrAndLfKeepsThemOneLineEnd() {
            feed("data: a\r");
            feed("");
            feed("\ndata: b\r\n\r\n");

            assertThat(listener.events()).containsExactly(message("", "a\nb"));
        }

        @Test
        void crAtTheEndOfAFeedFollowedByOtherBytesEndsTheLine() {
            feed("data: a\r");
            feed("data: b\r");
            feed("\r");

            assertThat(listener.events()).containsExactly(message("", "a\nb"));
        }

        @Test
        void lineEndIsFoundAtEveryOffsetOfAWord() {
            for (int length = 0; length < 24; length++) {
                RecordingListener lengthListener = new RecordingListener();
                byte[] stream = utf8("data:" + "x".repeat(length) + "\rdata: y\n\n");

                new SseParser(lengthListener, 1024, "").feed(stream, 0, stream.length);

                assertThat(lengthListener.events())
                        .as("line of %d bytes", length)
                        .containsExactly(message("", "x".repeat(length) + "\ny"));
            }
        }

        @Test
        void lineSpanningManyFeedsIsReassembled() {
            for (String piece : new String[] {"da", "ta", ": ", "hel", "lo", "\n", "\n"}) {
                feed(piece);
            }

            assertThat(listener.events()).containsExactly(message("", "hello"));
        }
    }

    @Nested
    class ByteOrderMark {

        private final byte[] bom = bytes(0xEF, 0xBB, 0xBF);

        @Test
        void leadingBomIsStripped() {
            feed(concat(bom, utf8("data: x\n\n")));

            assertThat(listener.events()).containsExactly(message("", "x"));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void bomSplitAcrossFeedsIsStripped(int split) {
            byte[] stream = concat(bom, utf8("data: x\n\n"));

            parser.feed(stream, 0, split);
            parser.feed(stream, split, stream.length - split);

            assertThat(listener.events()).containsExactly(message("", "x"));
        }

        @Test
        void bomFedOneByteAtATimeIsStripped() {
            feedInChunks(concat(bom, utf8("data: x\n\n")), 1);

            assertThat(listener.events()).containsExactly(message("", "x"));
        }

        @Test
        void onlyOneLeadingBomIsStripped() {
            feed(concat(bom, bom, utf8("data: x\n\ndata: y\n\n")));

            // the second BOM belongs to the first line, whose field name is then not "data"
            assertThat(listener.events()).containsExactly(message("", "y"));
        }

        @Test
        void bomInTheMiddleOfTheStreamIsData() {
            feed(concat(utf8("data: a\n\ndata: "), bom, utf8("b\n\n")));

            assertThat(listener.events()).containsExactly(message("", "a"), message("", "\uFEFFb"));
        }

        @Test
        void bytesThatOnlyStartLikeABomAreKeptAsTheStartOfTheFirstLine() {
            feed(bytes(0xEF));
            feed(bytes(0xBB));
            feed("data: x\n\ndata: y\n\n");

            assertThat(listener.events()).containsExactly(message("", "y"));
        }

        @Test
        void partialBomFollowedByALineEndIsAnIgnoredLine() {
            feed(bytes(0xEF, 0xBB));
            feed("\ndata: x\n\n");

            assertThat(listener.events()).containsExactly(message("", "x"));
        }
    }

    @Nested
    class Fields {

        @Test
        void commentLinesAreIgnored() {
            feed(": comment\ndata: a\n:\n: data: b\n\n");

            assertThat(listener.events()).containsExactly(message("", "a"));
        }

        @Test
        void commentOnlyBlockDispatchesNothing() {
            feed(": heartbeat\n\n: heartbeat\n\n");

            assertThat(listener.calls).isEmpty();
        }

        @Test
        void fieldWithoutSpaceAfterTheColonKeepsTheWholeValue() {
            feed("data:x\n\n");

            assertThat(listener.events()).containsExactly(message("", "x"));
        }

        @Test
        void onlyOneLeadingSpaceIsStripped() {
            feed("data:  two spaces\n\n");

            assertThat(listener.events()).containsExactly(message("", " two spaces"));
        }

        @Test
        void trailingSpacesAreKept() {
            feed("data: x  \n\n");

            assertThat(listener.events()).containsExactly(message("", "x  "));
        }

        @Test
        void leadingTabIsNotStripped() {
            feed("data:\tx\n\n");

            assertThat(listener.events()).containsExactly(message("", "\tx"));
        }

        @Test
        void valueKeepsColonsAfterTheFirst() {
            feed("data: a:b: c\n\n");

            assertThat(listener.events()).containsExactly(message("", "a:b: c"));
        }

        @Test
        void dataWithoutColonAppendsAnEmptyLine() {
            feed("data\ndata\n\n");

            assertThat(listener.events()).containsExactly(message("", "\n"));
        }

        @Test
        void dataWithoutColonAloneDispatchesEmptyData() {
            feed("data\n\n");

            assertThat(listener.events()).containsExactly(message("", ""));
        }

        @Test
        void eventFieldSetsTheType() {
            feed("event: edit\ndata: x\n\n");

            assertThat(listener.events()).containsExactly(new SseEvent("", "edit", "x"));
        }

        @Test
        void lastEventFieldWins() {
            feed("event: a\nevent: b\ndata: x\n\n");

            assertThat(listener.events()).extracting(SseEvent::type).containsExactly("b");
        }

        @Test
        void emptyEventTypeMeansMessage() {
            feed("event:\ndata: x\n\n");

            assertThat(listener.events()).extracting(SseEvent::type).containsExactly("message");
        }

        @Test
        void repeatedEventTypeIsTheSameAcrossEvents() {
            feed("event: edit\ndata: 1\n\nevent: log\ndata: 2\n\nevent: edit\ndata: 3\n\n");

            assertThat(listener.events())
                    .extracting(SseEvent::type)
                    .containsExactly("edit", "log", "edit");
        }

        @Test
        void unknownFieldsAreIgnored() {
            feed("foo: bar\nid2: x\ndatum: y\nretryx: 5\ndata: kept\nverylongfieldname: z\n\n");

            assertThat(listener.calls).containsExactly(message("", "kept"));
        }

        @Test
        void unknownFieldAloneDispatchesNothing() {
            feed("foo: bar\n\n");

            assertThat(listener.calls).isEmpty();
        }

        @Test
        void fieldNamesAreCaseSensitive() {
            feed("Data: a\nDATA: b\nID: 1\ndata: c\n\n");

            assertThat(listener.events()).containsExactly(message("", "c"));
        }

        @Test
        void spaceBeforeTheColonMakesAnotherFieldName() {
            feed("data : a\ndata: b\n\n");

            assertThat(listener.events()).containsExactly(message("", "b"));
        }
    }

    @Nested
    class LastEventId {

        @Test
        void idFieldSetsTheEventsLastEventId() {
            feed("id: 42\ndata: x\n\n");

            assertThat(listener.events()).containsExactly(message("42", "x"));
            assertThat(parser.lastEventId()).isEqualTo("42");
        }

        @Test
        void lastEventIdPersistsAcrossEvents() {
            feed("id: 1\ndata: a\n\ndata: b\n\n");

            assertThat(listener.events()).containsExactly(message("1", "a"), message("1", "b"));
        }

        @Test
        void initialLastEventIdIsUsedUntilTheStreamSetsOne() {
            parser = new SseParser(listener, SseParser.DEFAULT_MAX_EVENT_BYTES, "resumed");

            feed("data: a\n\nid: next\ndata: b\n\n");

            assertThat(listener.events())
                    .containsExactly(message("resumed", "a"), message("next", "b"));
        }

        @Test
        void emptyIdResetsTheLastEventId() {
            feed("id: 1\ndata: a\n\nid:\ndata: b\n\n");

            assertThat(listener.events()).containsExactly(message("1", "a"), message("", "b"));
        }

        @Test
        void idWithoutColonResetsTheLastEventId() {
            feed("id: 1\ndata: a\n\nid\ndata: b\n\n");

            assertThat(listener.events()).containsExactly(message("1", "a"), message("", "b"));
        }

        @Test
        void idContainingNulIsIgnored() {
            feed("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n");

            assertThat(listener.events()).containsExactly(message("1", "a"), message("1", "b"));
        }

        @Test
        void idIsSetEvenWhenNoEventIsDispatched() {
            feed("id: 7\n\n");

            assertThat(listener.calls).isEmpty();
            assertThat(parser.lastEventId()).isEqualTo("7");
        }

        @Test
        void idOfAnUnterminatedEventIsKeptAtEndOfStream() {
            feed("id: 8\ndata: cut\n");
            parser.endOfStream();

            assertThat(listener.calls).isEmpty();
            assertThat(parser.lastEventId()).isEqualTo("8");
        }

        @Test
        void idLineAfterDataStillAppliesToThatEvent() {
            feed("data: x\nid: 9\n\n");

            assertThat(listener.events()).containsExactly(message("9", "x"));
        }

        @Test
        void wikimediaStyleJsonIdIsKeptVerbatim() {
            String id =
                    "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":0,"
                            + "\"timestamp\":1756449917002},"
                            + "{\"topic\":\"codfw.mediawiki.recentchange\",\"partition\":0,"
                            + "\"offset\":-1}]";

            feed("event: message\nid: " + id + "\ndata: {}\n\n");

            assertThat(listener.events()).containsExactly(message(id, "{}"));
        }
    }

    @Nested
    class RetryField {

        @Test
        void digitsAreReportedAsTheReconnectionTime() {
            feed("retry: 3000\n");

            assertThat(listener.calls).containsExactly(new Retry(3000));
        }

        @Test
        void retryWithoutSpaceIsReported() {
            feed("retry:0\n");

            assertThat(listener.calls).containsExactly(new Retry(0));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "retry: 10s",
                    "retry: -5",
                    "retry: 1.5",
                    "retry: 1 ",
                    "retry:  10",
                    "retry: ",
                    "retry"
                })
        void valueThatIsNotOnlyDigitsIsIgnored(String line) {
            feed(line + "\n");

            assertThat(listener.calls).isEmpty();
        }

        @Test
        void valueBeyondALongIsIgnored() {
            feed("retry: 99999999999999999999999\n");

            assertThat(listener.calls).isEmpty();
        }

        @Test
        void largestLongIsReported() {
            feed("retry: " + Long.MAX_VALUE + "\n");

            assertThat(listener.calls).containsExactly(new Retry(Long.MAX_VALUE));
        }

        @Test
        void retryDoesNotMakeAnEvent() {
            feed("retry: 5\n\n");

            assertThat(listener.events()).isEmpty();
        }
    }

    @Nested
    class Utf8Decoding {

        @Test
        void validMultiByteDataIsKeptByteForByte() {
            byte[] data = utf8("é€😀 ü");

            feed(concat(utf8("data: "), data, utf8("\n\n")));

            assertThat(listener.events().get(0).dataUtf8()).isEqualTo(data);
        }

        @Test
        void invalidByteBecomesReplacementCharacter() {
            feed(concat(utf8("data: a"), bytes(0xFF), utf8("b\n\n")));

            assertThat(listener.events()).containsExactly(message("", "a\uFFFDb"));
        }

        @Test
        void invalidByteIsReplacedAtEveryOffsetBeforeTheLineEnd() {
            for (int offset = 0; offset < 24; offset++) {
                RecordingListener offsetListener = new RecordingListener();
                byte[] stream =
                        concat(utf8("data:" + "x".repeat(offset)), bytes(0xFF), utf8("\n\n"));

                new SseParser(offsetListener, 1024, "").feed(stream, 0, stream.length);

                assertThat(offsetListener.events())
                        .as("invalid byte at %d", offset)
                        .containsExactly(message("", "x".repeat(offset) + "\uFFFD"));
            }
        }

        @Test
        void invalidByteInTheLineAfterADataLineIsReplaced() {
            feed(concat(utf8("data: a\ndata: b"), bytes(0xFF), utf8("\n\n")));

            assertThat(listener.events()).containsExactly(message("", "a\nb\uFFFD"));
        }

        @Test
        void truncatedSequenceBeforeTheLineEndBecomesOneReplacementCharacter() {
            feed(concat(utf8("data: a"), bytes(0xE2, 0x82), utf8("\ndata: b\n\n")));

            assertThat(listener.events()).containsExactly(message("", "a\uFFFD\nb"));
        }

        @Test
        void encodedSurrogateBecomesOneReplacementCharacterPerByte() {
            // WHATWG: ED only takes 80..9F next, so ED, A0 and 80 are each an error
            feed(concat(utf8("data: "), bytes(0xED, 0xA0, 0x80), utf8("\n\n")));

            assertThat(listener.events()).containsExactly(message("", "\uFFFD\uFFFD\uFFFD"));
        }

        @Test
        void overlongEncodingIsReplaced() {
            feed(concat(utf8("data: "), bytes(0xC0, 0xAF), utf8("\n\n")));

            assertThat(listener.events()).containsExactly(message("", "\uFFFD\uFFFD"));
        }

        @Test
        void replacedDataIsWellFormedUtf8() {
            feed(concat(utf8("data: "), bytes(0xF0, 0x9F, 0x98, 0x41), utf8("\n\n")));

            assertThat(listener.events().get(0).dataUtf8()).isEqualTo(utf8("\uFFFDA"));
        }

        @Test
        void sequenceSplitAcrossFeedsIsDecodedIntact() {
            byte[] stream = utf8("data: 😀€\n\n");
            for (int split = 7; split < 13; split++) {
                RecordingListener splitListener = new RecordingListener();
                SseParser splitParser = new SseParser(splitListener, 1024, "");

                splitParser.feed(stream, 0, split);
                splitParser.feed(stream, split, stream.length - split);

                assertThat(splitListener.events())
                        .as("split at %d", split)
                        .containsExactly(message("", "😀€"));
            }
        }

        @Test
        void invalidBytesInIdAreReplaced() {
            feed(concat(utf8("id: a"), bytes(0xFF), utf8("\ndata: x\n\n")));

            assertThat(parser.lastEventId()).isEqualTo("a\uFFFD");
        }

        @Test
        void invalidBytesInEventTypeAreReplaced() {
            feed(concat(utf8("event: a"), bytes(0xC3), utf8("\ndata: x\n\n")));

            assertThat(listener.events()).extracting(SseEvent::type).containsExactly("a\uFFFD");
        }

        @Test
        void nonAsciiIdDoesNotChangeAsciiData() {
            feed("id: é\ndata: plain\n\n");

            assertThat(listener.events()).containsExactly(message("é", "plain"));
        }
    }

    @Nested
    class EventSize {

        @ParameterizedTest
        @ValueSource(ints = {1, 7, 4096})
        void eventFarLargerThanAnyFeedIsDispatchedIntact(int feedSize) {
            String data = largeText(300_000);

            feedInChunks(utf8("id: big\ndata: " + data + "\ndata: " + data + "\n\n"), feedSize);

            assertThat(listener.events()).containsExactly(message("big", data + "\n" + data));
        }

        @Test
        void eventOfExactlyTheMaximumIsDispatched() {
            parser = new SseParser(listener, 20, "");

            feed("data: 12345678901234\n\n");

            assertThat(listener.events()).containsExactly(message("", "12345678901234"));
        }

        @Test
        void eventOneByteOverTheMaximumIsDropped() {
            parser = new SseParser(listener, 20, "");

            feed("data: 123456789012345\n\n");

            assertThat(listener.calls).containsExactly(new Oversized(21, "12345678901234"));
        }

        @Test
        void allLinesOfTheEventCountTowardsTheMaximum() {
            parser = new SseParser(listener, 20, "");

            feed(": comment\nid: 1\ndata: 12\n\n");

            assertThat(listener.events()).isEmpty();
            assertThat(listener.calls).hasSize(1).first().isInstanceOf(Oversized.class);
        }

        @Test
        void lineEndsDoNotCountTowardsTheMaximum() {
            parser = new SseParser(listener, 14, "");

            feed("data: a\r\ndata: b\r\n\r\n");

            assertThat(listener.events()).containsExactly(message("", "a\nb"));
        }

        @Test
        void oversizedEventIsReportedWithItsWholeSizeAndTheDataWithinTheMaximum() {
            parser = new SseParser(listener, 100, "");

            feed("event: big\ndata: " + "x".repeat(200) + "\ndata: tail\n\n");

            assertThat(listener.calls)
                    .containsExactly(new Oversized(10 + 206 + 10, "x".repeat(84)));
        }

        @Test
        void eventAfterAnOversizedEventIsParsedNormally() {
            parser = new SseParser(listener, 100, "");

            feed("event: big\ndata: " + "x".repeat(200) + "\n\ndata: small\n\n");

            assertThat(listener.calls.get(1)).isEqualTo(message("", "small"));
        }

        @Test
        void oversizedEventsTypeDoesNotLeakIntoTheNextEvent() {
            parser = new SseParser(listener, 100, "");

            feed("event: big\ndata: " + "x".repeat(200) + "\n\ndata: small\n\n");

            assertThat(listener.events()).extracting(SseEvent::type).containsExactly("message");
        }

        @Test
        void oversizedPrefixIsAtMost4096CharactersOfData() {
            parser = new SseParser(listener, 10_000, "");

            feed("data: " + "a".repeat(3000) + "\ndata: " + "b".repeat(20_000) + "\n\n");

            Oversized oversized = (Oversized) listener.calls.get(0);
            assertThat(oversized.prefix()).isEqualTo("a".repeat(3000) + "\n" + "b".repeat(1095));
        }

        @Test
        void oversizedPrefixDoesNotEndInACutSequence() {
            parser = new SseParser(listener, 10_000, "");

            feed("data: ab" + "€".repeat(5000) + "\n\n");

            Oversized oversized = (Oversized) listener.calls.get(0);
            assertThat(oversized.prefix()).isEqualTo("ab" + "€".repeat(1364));
        }

        @Test
        void singleLineBeyondTheMaximumIsSkippedWithoutBufferingIt() {
            parser = new SseParser(listener, 64 * 1024, "");
            byte[] chunk = utf8("y".repeat(64 * 1024));

            feed("data: ");
            for (int i = 0; i < 160; i++) {
                feed(chunk);
            }
            feed("\n\ndata: after\n\n");

            assertThat(parser.bufferCapacityBytes()).isLessThanOrEqualTo(3 * 64 * 1024);
            assertThat(listener.calls)
                    .containsExactly(
                            new Oversized(6 + 160L * chunk.length, "y".repeat(4096)),
                            message("", "after"));
        }

        @Test
        void lineBeyondTheMaximumInOneFeedIsSkipped() {
            parser = new SseParser(listener, 100, "");

            feed("data: " + "z".repeat(500) + "\n\ndata: after\n\n");

            assertThat(listener.calls)
                    .containsExactly(new Oversized(506, "z".repeat(94)), message("", "after"));
        }

        @Test
        void crlfSplitAcrossFeedsWhileSkippingIsNotABlankLine() {
            parser = new SseParser(listener, 11, "");

            feed("data: " + "q".repeat(20) + "\r");
            feed("\ndata: still the big event\r");
            feed("\n\r");
            feed("\ndata: after\r\n\r\n");

            assertThat(listener.calls)
                    .containsExactly(new Oversized(26 + 25, "qqqqq"), message("", "after"));
        }

        @Test
        void idLinesBeforeTheOversizedPartAreApplied() {
            parser = new SseParser(listener, 20, "");

            feed("id: 5\ndata: " + "w".repeat(50) + "\n\n");

            assertThat(parser.lastEventId()).isEqualTo("5");
        }

        @Test
        void oversizedEventWithoutItsBlankLineAtEndOfStreamIsDiscardedUnreported() {
            parser = new SseParser(listener, 10, "");

            feed("data: " + "v".repeat(50) + "\n");
            parser.endOfStream();

            assertThat(listener.calls).isEmpty();
        }

        @Test
        void commentOnlyLinesOverTheMaximumAreSkippedToo() {
            parser = new SseParser(listener, 10, "");

            feed(": " + "c".repeat(100) + "\n\ndata: ok\n\n");

            assertThat(listener.calls).containsExactly(new Oversized(102, ""), message("", "ok"));
        }
    }

    @Nested
    class Chunking {

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3, 17, 42, 2026, 31337})
        void randomChunkingGivesTheSameCallsAsOneFeed(long seed) {
            byte[] stream = richStream();
            RecordingListener whole = parseWhole(stream);
            parser = new SseParser(listener, 200, "start");
            Random random = new Random(seed);

            int position = 0;
            while (position < stream.length) {
                int length =
                        Math.min(
                                stream.length - position,
                                random.nextInt(random.nextBoolean() ? 4 : 300));
                parser.feed(stream, position, length);
                position += length;
            }

            assertThat(listener.calls).isEqualTo(whole.calls);
        }

        @Test
        void everyTwoPartSplitGivesTheSameCallsAsOneFeed() {
            byte[] stream = richStream();
            RecordingListener whole = parseWhole(stream);

            for (int split = 0; split <= stream.length; split++) {
                RecordingListener splitListener = new RecordingListener();
                SseParser splitParser = new SseParser(splitListener, 200, "start");
                splitParser.feed(stream, 0, split);
                splitParser.feed(stream, split, stream.length - split);

                assertThat(splitListener.calls).as("split at %d", split).isEqualTo(whole.calls);
            }
        }

        @Test
        void oneByteFeedsGiveTheSameCallsAsOneFeed() {
            byte[] stream = richStream();
            RecordingListener whole = parseWhole(stream);

            parser = new SseParser(listener, 200, "start");
            feedInChunks(stream, 1);

            assertThat(listener.calls).isEqualTo(whole.calls);
        }

        @Test
        void richStreamProducesTheExpectedCalls() {
            RecordingListener whole = parseWhole(richStream());

            assertThat(whole.calls)
                    .containsExactly(
                            message("start", "plain"),
                            new SseEvent("1", "edit", "two\nlines"),
                            new Retry(2500),
                            message("1", "é😀"),
                            new Oversized(6 + 300 + 11, "o".repeat(194)),
                            message("", "a\uFFFDb"),
                            message("", "cr\ncrlf\nlf"),
                            message("3", ""),
                            message("3", " spaced"));
        }

        private RecordingListener parseWhole(byte[] stream) {
            RecordingListener whole = new RecordingListener();
            SseParser wholeParser = new SseParser(whole, 200, "start");
            wholeParser.feed(stream, 0, stream.length);
            return whole;
        }

        /** A stream exercising every rule, for a parser with a maximum of 200 bytes. */
        private byte[] richStream() {
            return concat(
                    bytes(0xEF, 0xBB, 0xBF),
                    utf8("data: plain\n\n"),
                    utf8(": comment\r\nid: 1\nevent: edit\ndata: two\ndata:lines\r\n\r\n"),
                    utf8("retry: 2500\nretry: 25x\n"),
                    utf8("data: é😀\n\n"),
                    utf8("data: " + "o".repeat(300) + "\nid: ignored\n\n"),
                    utf8("id\ndata: a"),
                    bytes(0xFF),
                    utf8("b\r\r"),
                    utf8("data: cr\rdata: crlf\r\ndata: lf\n\n"),
                    utf8("unknown: x\nid: 3\ndata\n\n"),
                    utf8("id: 4\u00005\ndata:  spaced\n\n"),
                    utf8("data: unterminated\n"));
        }
    }

    private void feed(String text) {
        feed(utf8(text));
    }

    private void feed(byte[] bytes) {
        parser.feed(bytes, 0, bytes.length);
    }

    private void feedInChunks(byte[] stream, int chunkSize) {
        for (int position = 0; position < stream.length; position += chunkSize) {
            parser.feed(stream, position, Math.min(chunkSize, stream.length - position));
        }
    }

    private static SseEvent message(String lastEventId, String data) {
        return new SseEvent(lastEventId, "message", data);
    }

    private static String largeText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; text.length() < length; i++) {
            text.append("{\"n\":").append(i).append(",\"s\":\"é\"}");
        }
        text.setLength(length);
        return text.toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }
}
