package dev.eddy.sse.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the event ids the replay server understands beyond exact string matches:
 * Wikimedia-style Kafka assignment arrays ({@code [{"topic":…,"partition":…,"offset":…}]}, or
 * {@code "timestamp"} instead of {@code "offset"}) and plain decimal integers. Each such id names
 * one or more <em>positions</em>: a numeric value on a key such as {@code
 * eqiad.mediawiki.recentchange/0/offset}.
 */
final class EventIds {

    /** The position key of plain decimal ids. */
    static final String DECIMAL_KEY = "#";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventIds() {}

    /** One numeric position named by an id. */
    record Position(String key, long value) {}

    /** The Wikimedia-style id of an event at this Kafka offset: a compact one-element array. */
    static String wikimediaOffsetId(String topic, int partition, long offset) {
        ArrayNode array = MAPPER.createArrayNode();
        array.addObject().put("topic", topic).put("partition", partition).put("offset", offset);
        return array.toString();
    }

    /**
     * The positions an id names: one per array element with a non-negative offset or timestamp, or
     * one on {@link #DECIMAL_KEY} for a decimal id; none for anything else.
     */
    static List<Position> positions(String id) {
        List<Position> positions = new ArrayList<>();
        if (isDecimal(id)) {
            positions.add(new Position(DECIMAL_KEY, Long.parseLong(id)));
            return positions;
        }
        JsonNode array = parseArray(id);
        if (array == null) {
            return positions;
        }
        for (JsonNode element : array) {
            String prefix = keyPrefix(element);
            if (prefix == null) {
                continue;
            }
            for (String field : new String[] {"offset", "timestamp"}) {
                JsonNode value = element.get(field);
                if (value != null && value.canConvertToLong() && value.asLong() >= 0) {
                    positions.add(new Position(prefix + field, value.asLong()));
                }
            }
        }
        return positions;
    }

    /** The position key of a Kafka offset, as {@link #positions} names it. */
    static String offsetKey(String topic, int partition) {
        return topic + "/" + partition + "/offset";
    }

    private static String keyPrefix(JsonNode element) {
        JsonNode topic = element.get("topic");
        JsonNode partition = element.get("partition");
        if (topic == null
                || !topic.isTextual()
                || partition == null
                || !partition.canConvertToInt()) {
            return null;
        }
        return topic.asText() + "/" + partition.asInt() + "/";
    }

    private static JsonNode parseArray(String id) {
        if (!id.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(id);
            return node != null && node.isArray() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean isDecimal(String id) {
        int length = id.length();
        if (length == 0 || length > 18) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
