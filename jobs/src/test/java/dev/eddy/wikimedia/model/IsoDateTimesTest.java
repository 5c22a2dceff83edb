package dev.eddy.wikimedia.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoDateTimesTest {

    @Test
    void readsBothWikimediaFormsLikeTheGeneralParser() {
        for (String text :
                List.of(
                        "2018-03-07T16:16:17+00:00",
                        "2025-08-29T06:45:17.001Z",
                        "2025-08-29T06:45:17Z",
                        "2024-02-29T23:59:59.999999999Z",
                        "2025-08-29T06:45:17.1Z",
                        "2025-08-29T06:45:17.12345+05:30",
                        "1969-12-31T23:59:59.999Z",
                        "0001-01-01T00:00:00-11:45",
                        "2025-08-29T06:45:17-00:00")) {
            assertThat(IsoDateTimes.epochMillis(text)).as(text).isEqualTo(generalParser(text));
        }
    }

    @Test
    void readsRandomInstantsInEveryOffsetLikeTheGeneralParser() {
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            Instant instant =
                    Instant.ofEpochSecond(
                            random.nextInt(Integer.MAX_VALUE) - (1L << 30),
                            random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(36) - 18) * 1800);
            String text =
                    random.nextBoolean()
                            ? instant.toString()
                            : OffsetDateTime.ofInstant(instant, offset).toString();
            assertThat(IsoDateTimes.epochMillis(text)).as(text).isEqualTo(generalParser(text));
        }
    }

    @Test
    void leavesOtherFormsToTheGeneralParser() {
        assertThat(IsoDateTimes.epochMillis("2018-03-07T16:16+01:00"))
                .isEqualTo(generalParser("2018-03-07T16:16+01:00"));
        assertThat(IsoDateTimes.epochMillis("2018-03-07t16:16:17Z"))
                .isEqualTo(generalParser("2018-03-07t16:16:17Z"));
        assertThat(IsoDateTimes.epochMillis("2018-03-07T16:16:17.Z"))
                .isEqualTo(generalParser("2018-03-07T16:16:17.Z"));
        assertThat(IsoDateTimes.epochMillis("2018-03-07T16:16:17+18:00"))
                .isEqualTo(generalParser("2018-03-07T16:16:17+18:00"));
    }

    @Test
    void rejectsWhatTheGeneralParserRejects() {
        for (String text :
                List.of(
                        "2018-02-29T16:16:17Z",
                        "2018-13-07T16:16:17Z",
                        "2018-03-07T24:16:17Z",
                        "2018-03-07T16:60:17Z",
                        "2018-03-07T16:16:60Z",
                        "2018-03-07T16:16:17",
                        "2018-03-07T16:16:17.1234567890Z",
                        "2018-03-07T16:16:17+19:00",
                        "2018-03-07 16:16:17Z",
                        "yesterday")) {
            assertThatThrownBy(() -> generalParser(text))
                    .as(text)
                    .isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> IsoDateTimes.epochMillis(text))
                    .as(text)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }

    private static long generalParser(String text) {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }
}
