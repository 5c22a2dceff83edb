package dev.eddy.wikimedia.record;

/**
 * Cuts text so that, written as a JSON string by Jackson, it takes at most a given number of UTF-8
 * bytes: control characters escape to up to six bytes, quotes and backslashes to two, non-ASCII
 * characters take two to four. A surrogate pair is never split.
 */
final class JsonTextBudget {

    private JsonTextBudget() {}

    /** The longest prefix of {@code text} whose escaped UTF-8 form fits {@code maxBytes}. */
    static String prefix(String text, long maxBytes) {
        long used = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1));
            int bytes = pair ? 4 : escapedBytes(c);
            if (used + bytes > maxBytes) {
                break;
            }
            used += bytes;
            i += pair ? 2 : 1;
        }
        return i == text.length() ? text : text.substring(0, i);
    }

    private static int escapedBytes(char c) {
        if (c == '"' || c == '\\' || c == '\b' || c == '\t' || c == '\n' || c == '\f'
                || c == '\r') {
            return 2;
        }
        if (c < 0x20) {
            return 6;
        }
        if (c < 0x80) {
            return 1;
        }
        return c < 0x800 ? 2 : 3;
    }
}
