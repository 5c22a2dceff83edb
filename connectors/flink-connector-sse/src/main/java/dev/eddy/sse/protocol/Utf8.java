package dev.eddy.sse.protocol;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 checks and repairs that follow the WHATWG Encoding standard's decoder: each maximal
 * malformed subpart becomes one U+FFFD, and the byte that ended it is read again. Java's own
 * decoder differs on some inputs (it replaces an encoded surrogate with one U+FFFD, WHATWG with
 * three), so the parser repairs malformed bytes here instead.
 */
final class Utf8 {

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EIGHT_HIGH_BITS = 0x8080808080808080L;
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8() {}

    static boolean isWellFormed(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            if (i <= to - Long.BYTES
                    && ((long) LITTLE_ENDIAN_LONGS.get(bytes, i) & EIGHT_HIGH_BITS) == 0) {
                i += Long.BYTES;
            } else if (bytes[i] >= 0) {
                i++;
            } else {
                i = sequenceEnd(bytes, i, to);
                if (i < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The bytes with every malformed subpart replaced by the UTF-8 encoding of U+FFFD. */
    static byte[] withReplacements(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from + 16);
        int i = from;
        while (i < to) {
            int end = sequenceEnd(bytes, i, to);
            if (end >= 0) {
                out.write(bytes, i, end - i);
                i = end;
            } else {
                out.write(REPLACEMENT, 0, REPLACEMENT.length);
                i = -1 - end;
            }
        }
        return out.toByteArray();
    }

    /** Decodes the bytes, replacing malformed subparts with U+FFFD as WHATWG does. */
    static String decode(byte[] bytes, int from, int to) {
        if (isWellFormed(bytes, from, to)) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        return new String(withReplacements(bytes, from, to), StandardCharsets.UTF_8);
    }

    /**
     * The length of the bytes without a last sequence that was cut short by {@code length}, so a
     * prefix taken at an arbitrary byte does not end in a spurious U+FFFD.
     */
    static int lengthWithoutCutSequence(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            int end = sequenceEnd(bytes, i, length);
            if (end == -1 - length) {
                return i;
            }
            i = end >= 0 ? end : -1 - end;
        }
        return length;
    }

    /**
     * The end of the sequence that starts at {@code start}: its end index if it is well formed,
     * otherwise {@code -1 - e} where {@code e} ends its maximal malformed subpart (the bytes that
     * one U+FFFD replaces).
     */
    private static int sequenceEnd(byte[] bytes, int start, int to) {
        int lead = bytes[start] & 0xFF;
        if (lead < 0x80) {
            return start + 1;
        }
        int continuations;
        int lower = 0x80;
        int upper = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuations = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuations = 2;
            if (lead == 0xE0) {
                lower = 0xA0;
            } else if (lead == 0xED) {
                upper = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuations = 3;
            if (lead == 0xF0) {
                lower = 0x90;
            } else if (lead == 0xF4) {
                upper = 0x8F;
            }
        } else {
            return -1 - (start + 1);
        }
        int i = start + 1;
        for (int k = 0; k < continuations; k++, i++) {
            if (i >= to) {
                return -1 - i;
            }
            int next = bytes[i] & 0xFF;
            if (next < lower || next > upper) {
                return -1 - i;
            }
            lower = 0x80;
            upper = 0xBF;
        }
        return i;
    }
}
