package dev.eddy.sse.protocol;

import static dev.eddy.sse.protocol.SseParserTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseEventWriterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "one line",
                " leading space",
                "  two leading spaces",
                "é€😀",
                "a:b",
                ": not a comment",
                "{\"a\":[1,2]}"
            })
    void singleLineDataSurvivesARoundTrip(String data) {
        String stream =
                SseEventWriter.appendEvent(new StringBuilder(), null, null, data).toString();

        assertThat(parse(stream)).containsExactly(new SseEvent("", "message", data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\n\nb", "\n", "a\n", "\na", "line one\nline two\nline three"})
    void multiLineDataSurvivesARoundTrip(String data) {
        String stream =
                SseEventWriter.appendEvent(new StringBuilder(), null, null, data).toString();

        assertThat(parse(stream)).extracting(SseEvent::data).containsExactly(data);
    }

    @Test
    void crAndCrlfInDataComeBackAsLf() {
        String stream =
                SseEventWriter.appendEvent(new StringBuilder(), null, null, "a\rb\r\nc\nd\r")
                        .toString();

        assertThat(parse(stream)).extracting(SseEvent::data).containsExactly("a\nb\nc\nd\n");
    }

    @Test
    void idAndTypeSurviveARoundTrip() {
        String stream =
                SseEventWriter.appendEvent(new StringBuilder(), "[{\"offset\":5}]", "edit", "x")
                        .toString();

        assertThat(parse(stream)).containsExactly(new SseEvent("[{\"offset\":5}]", "edit", "x"));
    }

    @Test
    void severalEventsInOneStreamSurviveInOrder() {
        StringBuilder stream = new StringBuilder();
        SseEventWriter.appendEvent(stream, "1", "a", "first");
        SseEventWriter.appendComment(stream, "heartbeat");
        SseEventWriter.appendEvent(stream, null, null, "second\nline");

        assertThat(parse(stream.toString()))
                .containsExactly(
                        new SseEvent("1", "a", "first"),
                        new SseEvent("1", "message", "second\nline"));
    }

    @Test
    void commentIsIgnoredByTheParser() {
        String stream =
                SseEventWriter.appendComment(new StringBuilder(), "data: not data")
                        .append('\n')
                        .toString();

        assertThat(parse(stream)).isEmpty();
    }

    @Test
    void retryIsReadBackByTheParser() {
        RecordingListener listener = new RecordingListener();
        byte[] stream = utf8(SseEventWriter.appendRetry(new StringBuilder(), 2500).toString());

        new SseParser(listener, SseParser.DEFAULT_MAX_EVENT_BYTES, "")
                .feed(stream, 0, stream.length);

        assertThat(listener.calls).containsExactly(new RecordingListener.Retry(2500));
    }

    @Test
    void negativeRetryIsRejected() {
        assertThatThrownBy(() -> SseEventWriter.appendRetry(new StringBuilder(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idWithALineBreakIsRejected() {
        assertThatThrownBy(() -> SseEventWriter.appendEvent(new StringBuilder(), "a\nb", null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id");
    }

    @Test
    void typeWithALineBreakIsRejected() {
        assertThatThrownBy(() -> SseEventWriter.appendEvent(new StringBuilder(), null, "a\rb", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event type");
    }

    @Test
    void commentWithALineBreakIsRejected() {
        assertThatThrownBy(() -> SseEventWriter.appendComment(new StringBuilder(), "a\nb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("comment");
    }

    private static List<SseEvent> parse(String stream) {
        RecordingListener listener = new RecordingListener();
        byte[] bytes = utf8(stream);
        new SseParser(listener, SseParser.DEFAULT_MAX_EVENT_BYTES, "").feed(bytes, 0, bytes.length);
        return listener.events();
    }
}
