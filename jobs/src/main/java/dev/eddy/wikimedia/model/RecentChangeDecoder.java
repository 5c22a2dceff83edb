package dev.eddy.wikimedia.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import javax.annotation.Nullable;

/**
 * Decodes the JSON of a {@code mediawiki.recentchange} event of either schema generation: the old
 * one ({@code meta.schema_uri}, {@code dt} like {@code 2018-03-07T16:16:17+00:00}) and the current
 * one ({@code $schema}, {@code meta.stream}, {@code dt} like {@code 2025-08-29T06:45:17.001Z}).
 * Fields it does not use are ignored.
 *
 * <p>Required: {@code meta.id}, {@code wiki}, {@code type}, {@code title}, {@code user} (strings),
 * {@code bot} (boolean) and an event time: {@code meta.dt} (ISO-8601 with offset) or else {@code
 * timestamp} (epoch seconds). Optional: {@code meta.domain}, {@code length.old}, {@code
 * length.new}, {@code namespace} (integers). A field of the wrong type is an error, not a missing
 * value.
 */
public final class RecentChangeDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @throws MalformedEventException with a reason naming the problem
     */
    public RecentChange decode(byte[] utf8Json) throws MalformedEventException {
        JsonNode root = parse(utf8Json);
        if (!root.isObject()) {
            throw new MalformedEventException("not a JSON object but " + describe(root));
        }
        JsonNode meta = root.get("meta");
        if (meta == null || meta.isNull()) {
            throw new MalformedEventException("missing field 'meta'");
        }
        if (!meta.isObject()) {
            throw new MalformedEventException(
                    "field 'meta' must be an object, got " + describe(meta));
        }
        RecentChange change = new RecentChange();
        change.setEventId(requiredText(meta, "meta.", "id"));
        change.setDomain(optionalText(meta, "meta.", "domain"));
        change.setEventTimeMillis(eventTime(root, meta));
        change.setWiki(requiredText(root, "", "wiki"));
        change.setType(requiredText(root, "", "type"));
        change.setTitle(requiredText(root, "", "title"));
        change.setUser(requiredText(root, "", "user"));
        change.setBot(requiredBoolean(root, "bot"));
        change.setNamespace(optionalInt(root, "namespace"));
        JsonNode length = root.get("length");
        if (length != null && !length.isNull()) {
            if (!length.isObject()) {
                throw new MalformedEventException(
                        "field 'length' must be an object, got " + describe(length));
            }
            change.setOldLength(optionalLong(length, "length.", "old"));
            change.setNewLength(optionalLong(length, "length.", "new"));
        }
        return change;
    }

    private static JsonNode parse(byte[] utf8Json) throws MalformedEventException {
        try {
            JsonNode root = MAPPER.readTree(utf8Json);
            if (root == null || root.isMissingNode()) {
                throw new MalformedEventException("invalid JSON: empty event data");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("invalid JSON: " + e.getMessage());
        }
    }

    private static long eventTime(JsonNode root, JsonNode meta) throws MalformedEventException {
        JsonNode dt = meta.get("dt");
        if (dt != null && dt.isTextual()) {
            try {
                return OffsetDateTime.parse(dt.textValue()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall back to 'timestamp' below
            }
        }
        JsonNode timestamp = root.get("timestamp");
        if (timestamp != null && timestamp.isIntegralNumber() && timestamp.canConvertToLong()) {
            return Math.multiplyExact(timestamp.longValue(), 1000L);
        }
        throw new MalformedEventException(
                "no event time: 'meta.dt' is missing or not an ISO-8601 date-time with offset,"
                        + " and 'timestamp' is missing or not an integer");
    }

    private static String requiredText(JsonNode parent, String prefix, String name)
            throws MalformedEventException {
        String value = optionalText(parent, prefix, name);
        if (value == null) {
            throw new MalformedEventException("missing field '" + prefix + name + "'");
        }
        return value;
    }

    private static @Nullable String optionalText(JsonNode parent, String prefix, String name)
            throws MalformedEventException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedEventException(
                    "field '" + prefix + name + "' must be a string, got " + describe(node));
        }
        return node.textValue();
    }

    private static boolean requiredBoolean(JsonNode parent, String name)
            throws MalformedEventException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new MalformedEventException("missing field '" + name + "'");
        }
        if (!node.isBoolean()) {
            throw new MalformedEventException(
                    "field '" + name + "' must be a boolean, got " + describe(node));
        }
        return node.booleanValue();
    }

    private static @Nullable Long optionalLong(JsonNode parent, String prefix, String name)
            throws MalformedEventException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new MalformedEventException(
                    "field '" + prefix + name + "' must be an integer, got " + describe(node));
        }
        return node.longValue();
    }

    private static @Nullable Integer optionalInt(JsonNode parent, String name)
            throws MalformedEventException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new MalformedEventException(
                    "field '" + name + "' must be an integer, got " + describe(node));
        }
        return node.intValue();
    }

    private static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return "the number " + node.asText();
            case BOOLEAN:
                return "the boolean " + node.asText();
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            default:
                return node.getNodeType().name().toLowerCase();
        }
    }
}
