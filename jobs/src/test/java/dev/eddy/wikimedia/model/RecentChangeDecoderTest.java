package dev.eddy.wikimedia.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentChangeDecoderTest {

    private final RecentChangeDecoder decoder = new RecentChangeDecoder();

    @Test
    void decodesTheOldSchemaGeneration() throws Exception {
        RecentChange change = decoder.decode(resource("events/old-schema-edit.json"));

        assertThat(change.getEventId()).isEqualTo("dd8c5690-2222-11e8-a2ad-1418776134f3");
        assertThat(change.getDomain()).isEqualTo("www.wikidata.org");
        assertThat(change.getEventTimeMillis())
                .isEqualTo(Instant.parse("2018-03-07T16:16:17Z").toEpochMilli());
        assertThat(change.getWiki()).isEqualTo("wikidatawiki");
        assertThat(change.getType()).isEqualTo("edit");
        assertThat(change.getTitle()).isEqualTo("Q3855005");
        assertThat(change.getUser()).isEqualTo("MisterSynergy");
        assertThat(change.isBot()).isFalse();
        assertThat(change.getOldLength()).isEqualTo(1007L);
        assertThat(change.getNewLength()).isEqualTo(1438L);
        assertThat(change.getNamespace()).isZero();
    }

    @Test
    void decodesTheCurrentSchemaGenerationWithMillisecondTime() throws Exception {
        RecentChange change = decoder.decode(resource("events/current-schema-edit.json"));

        assertThat(change.getEventId()).isEqualTo("0c9b7a3e-6f4d-4e21-8d5a-2f1e3b4c5d6e");
        assertThat(change.getEventTimeMillis())
                .isEqualTo(Instant.parse("2025-08-29T06:45:17.001Z").toEpochMilli());
        assertThat(change.getWiki()).isEqualTo("enwiki");
        assertThat(change.getTitle()).isEqualTo("Example page");
        assertThat(change.sizeChange()).isEqualTo(20391 - 20480);
    }

    @Test
    void ignoresUnknownFields() throws Exception {
        RecentChange change =
                decoder.decode(
                        json(
                                "{'meta':{'id':'a','dt':'2025-01-01T00:00:00Z','brand_new':{'x':[1]}},'wiki':'enwiki','type':'edit',"
                                        + "'title':'T','user':'U','bot':true,'future_field':42}"));

        assertThat(change.isBot()).isTrue();
        assertThat(change.getEventTimeMillis())
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void fallsBackToTimestampSecondsWithoutMetaDt() throws Exception {
        RecentChange change =
                decoder.decode(
                        json(
                                "{'meta':{'id':'a'},'timestamp':1520439377,'wiki':'w','type':'edit','title':'T','user':'U','bot':false}"));

        assertThat(change.getEventTimeMillis()).isEqualTo(1520439377000L);
    }

    @Test
    void fallsBackToTimestampSecondsWhenMetaDtIsNotADate() throws Exception {
        RecentChange change =
                decoder.decode(
                        json(
                                "{'meta':{'id':'a','dt':'yesterday'},'timestamp':1520439377,'wiki':'w','type':'edit','title':'T',"
                                        + "'user':'U','bot':false}"));

        assertThat(change.getEventTimeMillis()).isEqualTo(1520439377000L);
    }

    @Test
    void newPageWithoutOldLengthCountsFromZero() throws Exception {
        RecentChange change =
                decoder.decode(
                        json(
                                "{'meta':{'id':'a','dt':'2025-01-01T00:00:00Z'},'wiki':'w','type':'new','title':'T','user':'U',"
                                        + "'bot':false,'length':{'new':300}}"));

        assertThat(change.getOldLength()).isNull();
        assertThat(change.sizeChange()).isEqualTo(300);
    }

    @Test
    void logEventWithoutLengthHasNoSizeChange() throws Exception {
        RecentChange change =
                decoder.decode(
                        json(
                                "{'meta':{'id':'a','dt':'2025-01-01T00:00:00Z'},'wiki':'w','type':'log','title':'T','user':'U',"
                                        + "'bot':false,'namespace':2}"));

        assertThat(change.sizeChange()).isZero();
        assertThat(change.getNamespace()).isEqualTo(2);
    }

    @Test
    void recognisesCanaryEvents() throws Exception {
        assertThat(decoder.decode(resource("events/canary.json")).canary()).isTrue();
        assertThat(decoder.decode(resource("events/current-schema-edit.json")).canary()).isFalse();
    }

    @Test
    void rejectsInvalidJson() {
        assertThatThrownBy(() -> decoder.decode(bytes("{\"meta\": {\"id\": ")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("invalid JSON: ");
    }

    @Test
    void rejectsEmptyData() {
        assertThatThrownBy(() -> decoder.decode(bytes("")))
                .hasMessage("invalid JSON: empty event data");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> decoder.decode(bytes("[1,2]")))
                .hasMessage("not a JSON object but an array");
    }

    @Test
    void rejectsAMissingMeta() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        json(
                                                "{'wiki':'w','type':'edit','title':'T','user':'U','bot':false}")))
                .hasMessage("missing field 'meta'");
    }

    @Test
    void rejectsAMissingMetaId() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        json(
                                                "{'meta':{'dt':'2025-01-01T00:00:00Z'},'wiki':'w','type':'edit','title':'T','user':'U','bot':false}")))
                .hasMessage("missing field 'meta.id'");
    }

    @Test
    void rejectsAMissingWiki() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        json(
                                                "{'meta':{'id':'a','dt':'2025-01-01T00:00:00Z'},'type':'edit','title':'T','user':'U','bot':false}")))
                .hasMessage("missing field 'wiki'");
    }

    @Test
    void rejectsAStringWhereABooleanBelongs() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        json(
                                                "{'meta':{'id':'a','dt':'2025-01-01T00:00:00Z'},'wiki':'w','type':'edit','title':'T','user':'U',"
                                                        + "'bot':'yes'}")))
                .hasMessage("field 'bot' must be a boolean, got a string");
    }

    @Test
    void rejectsANumberWhereAStringBelongs() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        json(
                                                "{'meta':{'id':'a','dt':'2025-01-01T00:00:00Z'},'wiki':7,'type':'edit','title':'T','user':'U',"
                                                        + "'bot':false}")))
                .hasMessage("field 'wiki' must be a string, got the number 7");
    }

    @Test
    void rejectsANonIntegerLength() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        json(
                                                "{'meta':{'id':'a','dt':'2025-01-01T00:00:00Z'},'wiki':'w','type':'edit','title':'T','user':'U',"
                                                        + "'bot':false,'length':{'old':'12','new':14}}")))
                .hasMessage("field 'length.old' must be an integer, got a string");
    }

    @Test
    void rejectsAnEventWithoutAnyUsableTime() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        json(
                                                "{'meta':{'id':'a','dt':'soon'},'timestamp':'now','wiki':'w','type':'edit','title':'T','user':'U',"
                                                        + "'bot':false}")))
                .hasMessageStartingWith("no event time: ");
    }

    private static byte[] json(String singleQuoted) {
        return bytes(singleQuoted.replace('\'', '"'));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in =
                RecentChangeDecoderTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
