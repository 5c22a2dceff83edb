package dev.eddy.sse.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;

/**
 * An incremental {@code text/event-stream} parser that follows the WHATWG HTML standard, section
 * "Interpreting an event stream": UTF-8 with U+FFFD for malformed bytes, one leading BOM skipped,
 * CR, LF and CRLF line ends, comments, the {@code data}, {@code event}, {@code id} and {@code
 * retry} fields, dispatch on a blank line, and an unterminated event at the end of the stream
 * discarded.
 *
 * <p>Feed it the bytes of one connection in any chunking; it reports events, {@code retry} values
 * and oversized events to its {@link SseEventListener}. It works on bytes and is linear in the
 * input: each byte is scanned once, and only a line that spans feeds is copied aside. Memory stays
 * bounded by the maximum event size: an event whose lines (line ends not counted) add up to more is
 * skipped up to its blank line, reported with {@link SseEventListener#onOversizedEvent} and never
 * dispatched. {@code id} lines of the skipped part are not applied.
 *
 * <p>Use one parser per connection, from one thread at a time.
 */
@PublicEvolving
public final class SseParser {

    /** The default maximum event size: 1 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    /** The most bytes of an oversized event's data passed to the listener as its prefix. */
    static final int OVERSIZED_PREFIX_BYTES = 4096;

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int LONGEST_FIELD_NAME = 5;
    private static final int OVERSIZED_LINE_HEAD_BYTES = OVERSIZED_PREFIX_BYTES + 8;
    private static final int INITIAL_BUFFER_BYTES = 1024;
    private static final String DEFAULT_EVENT_TYPE = "message";

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EIGHT_ONES = 0x0101010101010101L;
    private static final long EIGHT_HIGH_BITS = 0x8080808080808080L;
    private static final long EIGHT_LFS = EIGHT_ONES * LF;
    private static final long EIGHT_CRS = EIGHT_ONES * CR;

    private final SseEventListener listener;
    private final int maxEventBytes;

    private String lastEventId;

    // the event being built: its type ("" if none), its data lines each ended by LF, the bytes
    // of all its lines, and the OR of those bytes eight at a time (a high bit set once a byte of
    // 0x80 or more was seen, so all-ASCII data skips UTF-8 validation)
    private String eventType = "";
    private byte[] data = new byte[INITIAL_BUFFER_BYTES];
    private int dataLength;
    private int eventBytes;
    private long eventByteBits;

    // the last event type decoded, to reuse its String while a stream repeats the type
    private byte[] cachedTypeUtf8 = new byte[0];
    private String cachedType = "";

    // the start of a line whose end has not arrived yet
    private byte[] partialLine = new byte[INITIAL_BUFFER_BYTES];
    private int partialLineLength;

    private int bomBytesMatched;
    private boolean bomChecked;

    // the last feed ended with CR: an LF starting the next one belongs to that line end
    private boolean lfMayFollow;

    // an oversized event being skipped up to its blank line: its size so far, the start of its
    // data, and whether the current line has bytes (then a line end does not end the event)
    private boolean skippingOversized;
    private long oversizedBytes;
    private String oversizedPrefix;
    private boolean skippedLineHasBytes;

    private boolean ended;

    /**
     * @param listener receives events, retry values and oversized events
     * @param maxEventBytes the largest event kept, counting the bytes of all its lines without
     *     their line ends; {@link #DEFAULT_MAX_EVENT_BYTES} is a sound choice
     * @param initialLastEventId the last event id buffer to start with ("" for a fresh stream; on a
     *     reconnect, the previous connection's)
     */
    public SseParser(SseEventListener listener, int maxEventBytes, String initialLastEventId) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException(
                    "maxEventBytes must be positive, got " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.lastEventId = Objects.requireNonNull(initialLastEventId, "initialLastEventId");
    }

    /**
     * Parses a chunk; chunk boundaries may fall anywhere (inside a UTF-8 sequence, a BOM, between
     * CR and LF). Listener calls happen inside this call.
     */
    public void feed(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (ended) {
            throw new IllegalStateException(
                    "feed() after endOfStream(): use a new SseParser for each connection");
        }
        int end = offset + length;
        int position = bomChecked ? offset : skipBom(buffer, offset, end);
        parse(buffer, position, end);
    }

    /** End of the connection: an unterminated event is discarded (spec). */
    public void endOfStream() {
        ended = true;
        partialLineLength = 0;
        skippingOversized = false;
        oversizedPrefix = null;
        resetEvent();
    }

    /** The current last event id buffer (what a client sends back as Last-Event-ID). */
    public String lastEventId() {
        return lastEventId;
    }

    @VisibleForTesting
    int bufferCapacityBytes() {
        return data.length + partialLine.length;
    }

    private int skipBom(byte[] buffer, int position, int end) {
        while (position < end && bomBytesMatched < BOM.length) {
            if (buffer[position] != BOM[bomBytesMatched]) {
                bomChecked = true;
                // the bytes held back were the start of the first line, not of a BOM
                parse(BOM, 0, bomBytesMatched);
                return position;
            }
            bomBytesMatched++;
            position++;
        }
        bomChecked = bomBytesMatched == BOM.length;
        return position;
    }

    private void parse(byte[] buffer, int position, int end) {
        if (lfMayFollow && position < end) {
            lfMayFollow = false;
            if (buffer[position] == LF) {
                position++;
            }
        }
        while (position < end) {
            if (skippingOversized) {
                position = skipOversized(buffer, position, end);
                continue;
            }
            int lineEnd = findLineEnd(buffer, position, end);
            int length = lineEnd - position;
            if (lineEnd == end) {
                holdPartialLine(buffer, position, length, false);
                return;
            }
            if (partialLineLength == 0) {
                line(buffer, position, length);
            } else if (holdPartialLine(buffer, position, length, true)) {
                line(partialLine, 0, partialLineLength);
                partialLineLength = 0;
            }
            position = afterLineEnd(buffer, lineEnd, end);
        }
    }

    /**
     * Finds the first CR or LF from {@code from} on ({@code end} if none), eight bytes at a time,
     * and ORs the bytes before it into {@code eventByteBits}.
     */
    private int findLineEnd(byte[] buffer, int from, int end) {
        long bits = 0;
        int i = from;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long word = (long) LITTLE_ENDIAN_LONGS.get(buffer, i);
            long lineEnds = zeroBytes(word ^ EIGHT_LFS) | zeroBytes(word ^ EIGHT_CRS);
            if (lineEnds != 0) {
                long bytesBefore = ((lineEnds & -lineEnds) >>> 7) - 1;
                eventByteBits |= bits | (word & bytesBefore);
                return i + (Long.numberOfTrailingZeros(lineEnds) >>> 3);
            }
            bits |= word;
        }
        for (; i < end; i++) {
            byte b = buffer[i];
            if (b == LF || b == CR) {
                break;
            }
            bits |= b;
        }
        eventByteBits |= bits;
        return i;
    }

    /**
     * The high bit of each zero byte of {@code word} set; exact for the lowest zero byte, which is
     * all {@link #findLineEnd} uses (a borrow may also mark bytes above it).
     */
    private static long zeroBytes(long word) {
        return (word - EIGHT_ONES) & ~word & EIGHT_HIGH_BITS;
    }

    private int afterLineEnd(byte[] buffer, int lineEnd, int end) {
        int next = lineEnd + 1;
        if (buffer[lineEnd] == CR) {
            if (next == end) {
                lfMayFollow = true;
            } else if (buffer[next] == LF) {
                next++;
            }
        }
        return next;
    }

    /**
     * Appends to the partial line, unless that makes the event oversized: then starts skipping it
     * and returns false.
     */
    private boolean holdPartialLine(byte[] buffer, int position, int length, boolean lineEnds) {
        long size = (long) eventBytes + partialLineLength + length;
        if (size <= maxEventBytes) {
            appendToPartialLine(buffer, position, length);
            return true;
        }
        int headBytes = Math.max(0, oversizedLineHeadBytes() - partialLineLength);
        appendToPartialLine(buffer, position, Math.min(length, headBytes));
        startSkippingOversized(partialLine, 0, partialLineLength, size, !lineEnds);
        partialLineLength = 0;
        return false;
    }

    /**
     * How much of the line that makes the event oversized goes into its prefix: the part within the
     * maximum, so the prefix does not depend on how the stream was chunked.
     */
    private int oversizedLineHeadBytes() {
        return Math.min(maxEventBytes - eventBytes, OVERSIZED_LINE_HEAD_BYTES);
    }

    private void appendToPartialLine(byte[] buffer, int position, int length) {
        int needed = partialLineLength + length;
        if (needed > partialLine.length) {
            partialLine = Arrays.copyOf(partialLine, grownCapacity(partialLine.length, needed));
        }
        System.arraycopy(buffer, position, partialLine, partialLineLength, length);
        partialLineLength = needed;
    }

    private int grownCapacity(int capacity, int needed) {
        int doubled = (int) Math.min(2L * capacity, Math.max(maxEventBytes, INITIAL_BUFFER_BYTES));
        return Math.max(needed, doubled);
    }

    private void line(byte[] bytes, int start, int length) {
        if (length == 0) {
            dispatch();
            return;
        }
        long size = (long) eventBytes + length;
        if (size > maxEventBytes) {
            int head = Math.min(length, oversizedLineHeadBytes());
            startSkippingOversized(bytes, start, head, size, false);
            return;
        }
        eventBytes = (int) size;
        int end = start + length;
        int nameEnd = fieldNameEnd(bytes, start, end);
        if (nameEnd < 0) {
            return;
        }
        int valueStart = valueStart(bytes, nameEnd, end);
        switch (nameEnd - start) {
            case 2:
                if (bytes[start] == 'i' && bytes[start + 1] == 'd') {
                    setLastEventId(bytes, valueStart, end);
                }
                break;
            case 4:
                if (isData(bytes, start)) {
                    appendData(bytes, valueStart, end);
                }
                break;
            case 5:
                if (bytes[start] == 'e'
                        && bytes[start + 1] == 'v'
                        && bytes[start + 2] == 'e'
                        && bytes[start + 3] == 'n'
                        && bytes[start + 4] == 't') {
                    setEventType(bytes, valueStart, end);
                } else if (bytes[start] == 'r'
                        && bytes[start + 1] == 'e'
                        && bytes[start + 2] == 't'
                        && bytes[start + 3] == 'r'
                        && bytes[start + 4] == 'y') {
                    retry(bytes, valueStart, end);
                }
                break;
            default:
                // comments (empty name) and unknown fields are ignored
        }
    }

    /**
     * Where the field name of a line ends: at its colon, or at the line end if it has none; -1 if
     * the name is longer than any field the parser knows.
     */
    private static int fieldNameEnd(byte[] bytes, int start, int end) {
        int searchEnd = Math.min(end, start + LONGEST_FIELD_NAME + 1);
        for (int i = start; i < searchEnd; i++) {
            if (bytes[i] == ':') {
                return i;
            }
        }
        return end - start <= LONGEST_FIELD_NAME ? end : -1;
    }

    private static int valueStart(byte[] bytes, int nameEnd, int end) {
        if (nameEnd == end) {
            return end;
        }
        int valueStart = nameEnd + 1;
        return valueStart < end && bytes[valueStart] == ' ' ? valueStart + 1 : valueStart;
    }

    private static boolean isData(byte[] bytes, int start) {
        return bytes[start] == 'd'
                && bytes[start + 1] == 'a'
                && bytes[start + 2] == 't'
                && bytes[start + 3] == 'a';
    }

    private void appendData(byte[] bytes, int from, int to) {
        int length = to - from;
        int needed = dataLength + length + 1;
        if (needed > data.length) {
            data = Arrays.copyOf(data, grownCapacity(data.length, needed));
        }
        System.arraycopy(bytes, from, data, dataLength, length);
        data[needed - 1] = LF;
        dataLength = needed;
    }

    private void setEventType(byte[] bytes, int from, int to) {
        if (!Arrays.equals(cachedTypeUtf8, 0, cachedTypeUtf8.length, bytes, from, to)) {
            cachedTypeUtf8 = Arrays.copyOfRange(bytes, from, to);
            cachedType = Utf8.decode(cachedTypeUtf8, 0, cachedTypeUtf8.length);
        }
        eventType = cachedType;
    }

    private void setLastEventId(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return;
            }
        }
        lastEventId = Utf8.decode(bytes, from, to);
    }

    private void retry(byte[] bytes, int from, int to) {
        if (from == to) {
            return;
        }
        long millis = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9 || millis > (Long.MAX_VALUE - digit) / 10) {
                return;
            }
            millis = millis * 10 + digit;
        }
        listener.onRetry(millis);
    }

    private void dispatch() {
        if (dataLength == 0) {
            resetEvent();
            return;
        }
        byte[] utf8 = Arrays.copyOf(data, dataLength - 1);
        if ((eventByteBits & EIGHT_HIGH_BITS) != 0 && !Utf8.isWellFormed(utf8, 0, utf8.length)) {
            utf8 = Utf8.withReplacements(utf8, 0, utf8.length);
        }
        String type = eventType.isEmpty() ? DEFAULT_EVENT_TYPE : eventType;
        resetEvent();
        listener.onEvent(new SseEvent(lastEventId, type, utf8));
    }

    private void resetEvent() {
        dataLength = 0;
        eventType = "";
        eventBytes = 0;
        eventByteBits = 0;
    }

    /**
     * Gives up the event being built, keeping the start of its data for the listener.
     *
     * @param head the start of the line that made the event too large, up to the maximum
     * @param size the event's size so far, including that line's bytes seen so far
     * @param midLine whether that line's end is still to come
     */
    private void startSkippingOversized(
            byte[] head, int start, int headLength, long size, boolean midLine) {
        oversizedPrefix = oversizedPrefix(head, start, start + headLength);
        oversizedBytes = size;
        skippedLineHasBytes = midLine;
        skippingOversized = true;
        resetEvent();
    }

    private String oversizedPrefix(byte[] head, int start, int end) {
        byte[] prefix = new byte[OVERSIZED_PREFIX_BYTES];
        int length = Math.min(dataLength, prefix.length);
        System.arraycopy(data, 0, prefix, 0, length);
        int nameEnd = fieldNameEnd(head, start, end);
        if (nameEnd - start == 4 && isData(head, start)) {
            int valueStart = valueStart(head, nameEnd, end);
            int valueBytes = Math.min(end - valueStart, prefix.length - length);
            System.arraycopy(head, valueStart, prefix, length, valueBytes);
            length += valueBytes;
        }
        length = Utf8.lengthWithoutCutSequence(prefix, length);
        return Utf8.decode(prefix, 0, length);
    }

    private int skipOversized(byte[] buffer, int position, int end) {
        while (position < end) {
            byte b = buffer[position];
            if (b == LF || b == CR) {
                if (!skippedLineHasBytes) {
                    finishOversized();
                    return afterLineEnd(buffer, position, end);
                }
                skippedLineHasBytes = false;
                position = afterLineEnd(buffer, position, end);
            } else {
                oversizedBytes++;
                skippedLineHasBytes = true;
                position++;
            }
        }
        return position;
    }

    private void finishOversized() {
        String prefix = oversizedPrefix;
        skippingOversized = false;
        oversizedPrefix = null;
        listener.onOversizedEvent(oversizedBytes, prefix);
    }
}
