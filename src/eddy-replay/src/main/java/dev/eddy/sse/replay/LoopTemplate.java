package dev.eddy.sse.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An id or data string with the places a loop pass rewrites marked, so later passes are rendered by
 * splicing a few numbers into the recorded text instead of re-serializing JSON. That keeps looping
 * cheap at full speed and leaves everything else byte for byte as recorded.
 *
 * <p>Marked in ids: the {@code offset}/{@code timestamp} of Wikimedia-style arrays, a decimal id.
 * Marked in JSON object data: {@code meta.offset} (keyed by {@code meta.topic} and {@code
 * meta.partition}), {@code meta.dt}, {@code timestamp}, and {@code meta.id}, which each pass makes
 * new so that consumers de-duplicating on it do not drop the repeated events.
 */
final class LoopTemplate {

    private static final JsonFactory JSON = new JsonFactory();

    private enum Kind {
        /** A number moved by the pass times its key's shift. */
        POSITION,
        /** An ISO-8601 date-time moved by the pass's time shift. */
        ISO_TIME,
        /** Epoch seconds moved by the pass's time shift. */
        EPOCH_SECONDS,
        /** A unique event id (a UUID in Wikimedia's events) made different in every pass. */
        EVENT_ID
    }

    private record Splice(int start, int end, Kind kind, String key, long value) {}

    private final String text;
    private final List<Splice> splices;

    private LoopTemplate(String text, List<Splice> splices) {
        this.text = text;
        splices.sort(Comparator.comparingInt(Splice::start));
        this.splices = splices;
    }

    static LoopTemplate forId(String id) {
        List<Splice> splices = new ArrayList<>();
        if (!id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9') && id.length() <= 18) {
            splices.add(
                    new Splice(
                            0,
                            id.length(),
                            Kind.POSITION,
                            EventIds.DECIMAL_KEY,
                            Long.parseLong(id)));
        } else if (id.startsWith("[")) {
            markIdArray(id, splices);
        }
        return new LoopTemplate(id, splices);
    }

    static LoopTemplate forData(String data) {
        List<Splice> splices = new ArrayList<>();
        if (data.startsWith("{")) {
            markData(data, splices);
        }
        return new LoopTemplate(data, splices);
    }

    /** The text as served in this pass. */
    String render(long pass, Map<String, Long> positionShifts, long timeShiftMillis) {
        if (pass == 0 || splices.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int copied = 0;
        for (Splice splice : splices) {
            out.append(text, copied, splice.start());
            String original = text.substring(splice.start(), splice.end());
            switch (splice.kind()) {
                case POSITION -> {
                    Long shift = positionShifts.get(splice.key());
                    out.append(
                            shift == null
                                    ? original
                                    : Long.toString(splice.value() + pass * shift));
                }
                case ISO_TIME -> out.append(EventTimes.shiftIso(original, timeShiftMillis));
                case EPOCH_SECONDS -> out.append(splice.value() + timeShiftMillis / 1000);
                case EVENT_ID -> out.append(eventIdOfPass(original, pass));
            }
            copied = splice.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static void markIdArray(String id, List<Splice> splices) {
        try (JsonParser parser = JSON.createParser(id)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String topic = null;
                Integer partition = null;
                List<Splice> numbers = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("topic") && value == JsonToken.VALUE_STRING) {
                        topic = parser.getText();
                    } else if (field.equals("partition") && value == JsonToken.VALUE_NUMBER_INT) {
                        partition = parser.getIntValue();
                    } else if ((field.equals("offset") || field.equals("timestamp"))
                            && value == JsonToken.VALUE_NUMBER_INT
                            && parser.getLongValue() >= 0) {
                        numbers.add(numberSplice(parser, Kind.POSITION, field));
                    } else {
                        parser.skipChildren();
                    }
                }
                if (topic != null && partition != null) {
                    String prefix = topic + "/" + partition + "/";
                    for (Splice number : numbers) {
                        splices.add(
                                new Splice(
                                        number.start(),
                                        number.end(),
                                        Kind.POSITION,
                                        prefix + number.key(),
                                        number.value()));
                    }
                }
            }
        } catch (IOException e) {
            splices.clear();
        }
    }

    private static void markData(String data, List<Splice> splices) {
        try (JsonParser parser = JSON.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("timestamp") && value == JsonToken.VALUE_NUMBER_INT) {
                    splices.add(numberSplice(parser, Kind.EPOCH_SECONDS, null));
                } else if (field.equals("meta") && value == JsonToken.START_OBJECT) {
                    markMeta(data, parser, splices);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            splices.clear();
        }
    }

    private static void markMeta(String data, JsonParser parser, List<Splice> splices)
            throws IOException {
        String topic = null;
        Integer partition = null;
        Splice offset = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("topic") && value == JsonToken.VALUE_STRING) {
                topic = parser.getText();
            } else if (field.equals("partition") && value == JsonToken.VALUE_NUMBER_INT) {
                partition = parser.getIntValue();
            } else if (field.equals("offset") && value == JsonToken.VALUE_NUMBER_INT) {
                offset = numberSplice(parser, Kind.POSITION, null);
            } else if (field.equals("id") && value == JsonToken.VALUE_STRING) {
                Splice id = verbatimStringSplice(data, parser, Kind.EVENT_ID);
                if (id != null) {
                    splices.add(id);
                }
            } else if (field.equals("dt") && value == JsonToken.VALUE_STRING) {
                Splice dt = isoSplice(data, parser);
                if (dt != null) {
                    splices.add(dt);
                }
            } else {
                parser.skipChildren();
            }
        }
        if (offset != null && topic != null && partition != null) {
            splices.add(
                    new Splice(
                            offset.start(),
                            offset.end(),
                            Kind.POSITION,
                            EventIds.offsetKey(topic, partition),
                            offset.value()));
        }
    }

    private static Splice numberSplice(JsonParser parser, Kind kind, String key)
            throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        return new Splice(
                start, start + parser.getText().length(), kind, key, parser.getLongValue());
    }

    /** The date-time inside the quotes, if it is written without escapes and parses. */
    private static Splice isoSplice(String data, JsonParser parser) throws IOException {
        Splice splice = verbatimStringSplice(data, parser, Kind.ISO_TIME);
        if (splice == null || EventTimes.parseIso(parser.getText()) == ReplayEvent.NO_EVENT_TIME) {
            return null;
        }
        return splice;
    }

    /** The string inside the quotes, if it is written without escapes. */
    private static Splice verbatimStringSplice(String data, JsonParser parser, Kind kind)
            throws IOException {
        String value = parser.getText();
        int start = (int) parser.currentTokenLocation().getCharOffset() + 1;
        boolean verbatim =
                data.startsWith(value, start) && data.charAt(start + value.length()) == '"';
        return verbatim ? new Splice(start, start + value.length(), kind, null, 0) : null;
    }

    /**
     * The id with its first eight hex digits (a UUID's time_low) scrambled by the pass number, so
     * it keeps its shape and differs from every pass; other ids get the pass appended.
     */
    static String eventIdOfPass(String id, long pass) {
        if (id.length() >= 8
                && id.substring(0, 8).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            long head =
                    Long.parseLong(id.substring(0, 8), 16) ^ ((pass * 0x9E3779B1L) & 0xFFFFFFFFL);
            return String.format("%08x", head) + id.substring(8);
        }
        return id + "-" + pass;
    }
}
