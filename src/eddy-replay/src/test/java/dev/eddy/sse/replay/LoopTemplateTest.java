package dev.eddy.sse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopTemplateTest {

    private static final String EQIAD = "eqiad.mediawiki.recentchange/0/";
    private static final Map<String, Long> SHIFTS =
            Map.of(EQIAD + "offset", 100L, EQIAD + "timestamp", 5000L, EventIds.DECIMAL_KEY, 10L);

    @Test
    void shiftsOffsetsOfWikimediaIdsKeepingTheirFormatting() {
        String id =
                "[{\"topic\": \"eqiad.mediawiki.recentchange\", \"partition\": 0, \"offset\": 42},"
                        + " {\"topic\": \"codfw.mediawiki.recentchange\", \"partition\": 0, \"offset\": -1}]";

        assertThat(LoopTemplate.forId(id).render(3, SHIFTS, 0)).isEqualTo(id.replace("42", "342"));
    }

    @Test
    void shiftsTimestampIdsOfCurrentWikimediaStreams() {
        String id =
                "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":0,\"timestamp\":1756449917002}]";

        assertThat(LoopTemplate.forId(id).render(1, SHIFTS, 0))
                .isEqualTo(id.replace("1756449917002", "1756449922002"));
    }

    @Test
    void shiftsDecimalIds() {
        assertThat(LoopTemplate.forId("7").render(2, SHIFTS, 0)).isEqualTo("27");
    }

    @Test
    void leavesOtherIdsAlone() {
        assertThat(LoopTemplate.forId("abc-7").render(2, SHIFTS, 0)).isEqualTo("abc-7");
    }

    @Test
    void shiftsMetaOffsetDtAndTimestampOfCurrentSchemaData() {
        String data =
                "{\"$schema\":\"/mediawiki/recentchange/1.0.0\",\"meta\":{\"uri\":\"x\",\"dt\":\"2025-08-29T06:45:17.001Z\","
                        + "\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":0,\"offset\":5},\"timestamp\":1756449917,\"title\":\"Q1\"}";

        String shifted = LoopTemplate.forData(data).render(1, SHIFTS, 60_000);

        assertThat(shifted)
                .isEqualTo(
                        data.replace("06:45:17.001Z", "06:46:17.001Z")
                                .replace("\"offset\":5", "\"offset\":105")
                                .replace("1756449917", "1756449977"));
    }

    @Test
    void leavesTheFirstPassAndNonJsonDataAsRecorded() {
        String data = SyntheticRecentChanges.line(0);

        assertThat(LoopTemplate.forData(data).render(0, SHIFTS, 60_000)).isSameAs(data);
        assertThat(LoopTemplate.forData("not json").render(4, SHIFTS, 60_000))
                .isEqualTo("not json");
        assertThat(LoopTemplate.forData("{\"meta\": broken").render(4, SHIFTS, 60_000))
                .isEqualTo("{\"meta\": broken");
    }

    @Test
    void givesEveryPassItsOwnMetaIdOfTheSameShape() {
        String data = "{\"meta\":{\"id\":\"dd8c5690-2222-11e8-a2ad-1418776134f3\",\"offset\":5}}";
        LoopTemplate template = LoopTemplate.forData(data);

        String firstPassId = metaId(template.render(1, SHIFTS, 0));
        String secondPassId = metaId(template.render(2, SHIFTS, 0));

        assertThat(firstPassId)
                .isNotEqualTo("dd8c5690-2222-11e8-a2ad-1418776134f3")
                .isNotEqualTo(secondPassId);
        assertThat(firstPassId).matches("[0-9a-f]{8}-2222-11e8-a2ad-1418776134f3");
    }

    @Test
    void appendsThePassToMetaIdsThatAreNotUuids() {
        assertThat(LoopTemplate.eventIdOfPass("event-1", 3)).isEqualTo("event-1-3");
    }

    private static String metaId(String json) {
        int start = json.indexOf("\"id\":\"") + 6;
        return json.substring(start, json.indexOf('"', start));
    }
}
