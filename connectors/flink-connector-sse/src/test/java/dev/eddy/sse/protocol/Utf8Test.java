package dev.eddy.sse.protocol;

import static dev.eddy.sse.protocol.SseParserTest.bytes;
import static dev.eddy.sse.protocol.SseParserTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @Test
    void asciiIsWellFormed() {
        byte[] ascii = utf8("{\"title\":\"Q42\"}");

        assertThat(Utf8.isWellFormed(ascii, 0, ascii.length)).isTrue();
    }

    @Test
    void everyLengthOfSequenceIsWellFormed() {
        byte[] text = utf8("é€😀\u0080\u07FF\u0800\uFFFF\uD7FF\uE000\uDBFF\uDFFF");

        assertThat(Utf8.isWellFormed(text, 0, text.length)).isTrue();
    }

    @Test
    void encodedSurrogateIsMalformed() {
        assertThat(Utf8.isWellFormed(bytes(0xED, 0xA0, 0x80), 0, 3)).isFalse();
    }

    @Test
    void codePointBeyondUnicodeIsMalformed() {
        assertThat(Utf8.isWellFormed(bytes(0xF4, 0x90, 0x80, 0x80), 0, 4)).isFalse();
    }

    @Test
    void sequenceCutByTheRangeEndIsMalformed() {
        byte[] euro = utf8("€");

        assertThat(Utf8.isWellFormed(euro, 0, 2)).isFalse();
    }

    @Test
    void eachMaximalMalformedSubpartBecomesOneReplacement() {
        // WHATWG Encoding examples: F0 80 is two errors (80 is not a valid second byte after F0),
        // F0 90 80 cut short by 41 is one error, a lone continuation byte is one error
        byte[] input = bytes(0xF0, 0x80, 0x41, 0xF0, 0x90, 0x80, 0x41, 0x80, 0x41);

        assertThat(decode(Utf8.withReplacements(input, 0, input.length)))
                .isEqualTo("\uFFFD\uFFFDA\uFFFDA\uFFFDA");
    }

    @Test
    void truncatedSequenceAtTheEndBecomesOneReplacement() {
        byte[] input = bytes(0x41, 0xF0, 0x9F, 0x98);

        assertThat(decode(Utf8.withReplacements(input, 0, input.length))).isEqualTo("A\uFFFD");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void repairedRandomBytesAreWellFormed(long seed) {
        byte[] input = randomBytes(new Random(seed), 10_000);

        byte[] repaired = Utf8.withReplacements(input, 0, input.length);

        assertThat(Utf8.isWellFormed(repaired, 0, repaired.length)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void repairAgreesWithJavasDecoderWhenNoSurrogatePrefixOccurs(long seed) {
        // Java's decoder replaces ED A0..BF xx with one U+FFFD, WHATWG with one per byte
        byte[] input = randomBytes(new Random(seed), 10_000);
        for (int i = 0; i < input.length; i++) {
            if (input[i] == (byte) 0xED) {
                input[i] = (byte) 0xEE;
            }
        }

        assertThat(decode(Utf8.withReplacements(input, 0, input.length))).isEqualTo(decode(input));
    }

    @Test
    void wellFormedBytesAreLeftAsTheyAre() {
        byte[] text = utf8("naïve café 😀");

        assertThat(Utf8.withReplacements(text, 0, text.length)).isEqualTo(text);
    }

    @Test
    void decodeOfARangeReadsOnlyThatRange() {
        byte[] text = utf8("xxé€yy");

        assertThat(Utf8.decode(text, 2, text.length - 2)).isEqualTo("é€");
    }

    @Test
    void cutLastSequenceIsLeftOutOfTheLength() {
        byte[] text = utf8("a€");

        assertThat(Utf8.lengthWithoutCutSequence(text, 3)).isEqualTo(1);
    }

    @Test
    void completeLastSequenceIsKeptInTheLength() {
        byte[] text = utf8("a€");

        assertThat(Utf8.lengthWithoutCutSequence(text, 4)).isEqualTo(4);
    }

    private static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Bytes biased towards UTF-8 lead and continuation bytes, so most sequences are tried. */
    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] =
                    (byte)
                            (random.nextBoolean()
                                    ? 0x80 + random.nextInt(0x80)
                                    : random.nextInt(0x100));
        }
        return bytes;
    }
}
