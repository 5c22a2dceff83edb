package dev.eddy.sse.replay;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An immutable, ordered list of events for the {@link ReplayServer} to serve.
 *
 * <p>Two file formats load: JSON lines of recentchange-like events (ids derived Wikimedia-style
 * from {@code meta.topic/partition/offset}, event time from {@code meta.dt} or
 * {@code timestamp}; see {@link #fromJsonLines(String)}) and raw {@code text/event-stream}
 * captures. Files are told apart by extension ({@code .jsonl}, {@code .ndjson}, {@code .json} vs
 * {@code .sse}) or else by their first character: a {@code {} starts JSON lines.
 */
public final class Recording {

    private final List<ReplayEvent> events;

    private Recording(List<ReplayEvent> events) {
        this.events = List.copyOf(events);
    }

    /** A recording of these events, in this order. */
    public static Recording of(List<ReplayEvent> events) {
        return new Recording(events);
    }

    /** Loads a recording file, choosing the format by extension or content. */
    public static Recording fromPath(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(
                    "No recording at "
                            + file.toAbsolutePath()
                            + ": give the path of a .jsonl (JSON lines) or .sse (raw SSE) file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(file)) {
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
                return fromJsonLines(in);
            }
            if (name.endsWith(".sse")) {
                return fromSse(in);
            }
            return read(in);
        }
    }

    /** Loads a recording from the class path (for example a test resource), format by content. */
    public static Recording fromResource(String name) throws IOException {
        String path = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in =
                (loader != null ? loader : Recording.class.getClassLoader())
                        .getResourceAsStream(path)) {
            if (in == null) {
                throw new FileNotFoundException(
                        "No recording resource '" + path + "' on the class path");
            }
            return read(in);
        }
    }

    /**
     * Reads a whole recording from a stream, choosing the format by its first non-blank
     * character: {@code {} for JSON lines, anything else for raw SSE.
     */
    public static Recording read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (startsLikeJson(bytes)) {
            return fromJsonLines(new ByteArrayInputStream(bytes));
        }
        return new Recording(SseRecordingReader.read(bytes));
    }

    /** Reads a raw {@code text/event-stream} capture, parsed as an SSE client would. */
    public static Recording fromSse(InputStream in) throws IOException {
        return new Recording(SseRecordingReader.read(in.readAllBytes()));
    }

    /** Reads JSON lines (UTF-8), one event per line. */
    public static Recording fromJsonLines(InputStream in) throws IOException {
        return new Recording(
                JsonLinesReader.read(
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
    }

    /**
     * Reads JSON lines: each line is one event whose data is the line as it is and whose type is
     * {@code message}. Its id is {@code [{"topic":…,"partition":…,"offset":…}]} from the line's
     * {@code meta}, or the line number (from 1) for lines without {@code meta.offset}, blank lines
     * and lines that are not JSON objects (served as they are, for tests of bad input).
     */
    public static Recording fromJsonLines(String lines) {
        try {
            return new Recording(JsonLinesReader.read(new BufferedReader(new StringReader(lines))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ReplayEvent> events() {
        return events;
    }

    public int size() {
        return events.size();
    }

    public ReplayEvent get(int index) {
        return events.get(index);
    }

    private static boolean startsLikeJson(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '{';
    }

    @Override
    public String toString() {
        return "Recording{" + events.size() + " events}";
    }
}
