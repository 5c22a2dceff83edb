package dev.eddy.wikimedia.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
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
 *
 * <p>One streaming pass over the bytes: the fields it uses are read straight into a {@link
 * RecentChange}, everything else is skipped without being materialised (the whole document is still
 * checked to be valid JSON). The checks run after the pass, in a fixed order, so an event with
 * several problems is always rejected for the same one.
 */
public final class RecentChangeDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @throws MalformedEventException with a reason naming the problem
     */
    public RecentChange decode(byte[] utf8Json) throws MalformedEventException {
        Fields fields = new Fields();
        try (JsonParser parser = JSON.createParser(utf8Json)) {
            JsonToken root = parser.nextToken();
            if (root == null) {
                throw new MalformedEventException("invalid JSON: empty event data");
            }
            if (root != JsonToken.START_OBJECT) {
                String found = describe(parser);
                parser.skipChildren();
                throw new MalformedEventException("not a JSON object but " + found);
            }
            fields.readRoot(parser);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("invalid JSON: " + e.getMessage());
        }
        return fields.toChange();
    }

    /** What a value of the wrong type is, in the words of a dead letter's reason. */
    private static String describe(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
                return "the number " + parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return "the number " + parser.getDoubleValue();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "the boolean " + parser.getBooleanValue();
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            default:
                return "null";
        }
    }

    /**
     * A value as read: absent or {@code null} (no instance), or of a JSON kind with its value, or
     * of the wrong kind with its description.
     */
    private static final class Value {
        final @Nullable Object value;
        final @Nullable String wrongKind;

        private Value(@Nullable Object value, @Nullable String wrongKind) {
            this.value = value;
            this.wrongKind = wrongKind;
        }

        static @Nullable Value text(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token == JsonToken.VALUE_STRING) {
                return new Value(parser.getText(), null);
            }
            return wrong(parser);
        }

        static @Nullable Value bool(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return new Value(token == JsonToken.VALUE_TRUE, null);
            }
            return wrong(parser);
        }

        /**
         * An integer in the range of a long; with {@code asInt} also in the range of an int. (The
         * parser reports the smallest of int, long and big integer that holds the number.)
         */
        static @Nullable Value integer(JsonParser parser, boolean asInt) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                JsonParser.NumberType type = parser.getNumberType();
                boolean fits =
                        asInt
                                ? type == JsonParser.NumberType.INT
                                : type != JsonParser.NumberType.BIG_INTEGER;
                if (fits) {
                    return new Value(parser.getLongValue(), null);
                }
            }
            return wrong(parser);
        }

        private static Value wrong(JsonParser parser) throws IOException {
            Value value = new Value(null, describe(parser));
            parser.skipChildren();
            return value;
        }
    }

    /**
     * The fields of one event as the parser meets them (a repeated field: the last one counts),
     * checked in {@link #toChange()}.
     */
    private static final class Fields {
        /** Null once {@code meta} was read as an object; else what it is ("null" when absent). */
        @Nullable String metaKind = "null";

        @Nullable Value id;
        @Nullable Value domain;
        @Nullable String dt;
        @Nullable Long timestamp;
        @Nullable Value wiki;
        @Nullable Value type;
        @Nullable Value title;
        @Nullable Value user;
        @Nullable Value bot;
        @Nullable Value namespace;

        /** Null once {@code length} was read as an object; else what it is ("null" when absent). */
        @Nullable String lengthKind = "null";

        @Nullable Value oldLength;
        @Nullable Value newLength;

        void readRoot(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "meta":
                        metaKind = objectOrKind(parser);
                        if (metaKind == null) {
                            readMeta(parser);
                        }
                        break;
                    case "wiki":
                        wiki = Value.text(parser);
                        break;
                    case "type":
                        type = Value.text(parser);
                        break;
                    case "title":
                        title = Value.text(parser);
                        break;
                    case "user":
                        user = Value.text(parser);
                        break;
                    case "bot":
                        bot = Value.bool(parser);
                        break;
                    case "namespace":
                        namespace = Value.integer(parser, true);
                        break;
                    case "timestamp":
                        timestamp = null;
                        Value seconds = Value.integer(parser, false);
                        if (seconds != null && seconds.value != null) {
                            timestamp = (Long) seconds.value;
                        }
                        break;
                    case "length":
                        lengthKind = objectOrKind(parser);
                        oldLength = null;
                        newLength = null;
                        if (lengthKind == null) {
                            readLength(parser);
                        }
                        break;
                    default:
                        parser.skipChildren();
                }
            }
        }

        private void readMeta(JsonParser parser) throws IOException {
            id = null;
            domain = null;
            dt = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "id":
                        id = Value.text(parser);
                        break;
                    case "domain":
                        domain = Value.text(parser);
                        break;
                    case "dt":
                        dt = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                        parser.skipChildren();
                        break;
                    default:
                        parser.skipChildren();
                }
            }
        }

        private void readLength(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "old":
                        oldLength = Value.integer(parser, false);
                        break;
                    case "new":
                        newLength = Value.integer(parser, false);
                        break;
                    default:
                        parser.skipChildren();
                }
            }
        }

        /**
         * Null for an object (to be read next), "null" for JSON null, else the kind found (and
         * skipped).
         */
        private static @Nullable String objectOrKind(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                return null;
            }
            String kind = describe(parser);
            parser.skipChildren();
            return kind;
        }

        RecentChange toChange() throws MalformedEventException {
            if (metaKind != null) {
                throw new MalformedEventException(
                        metaKind.equals("null")
                                ? "missing field 'meta'"
                                : "field 'meta' must be an object, got " + metaKind);
            }
            RecentChange change = new RecentChange();
            change.setEventId(required(id, "meta.id", "a string"));
            change.setDomain(optional(domain, "meta.domain", "a string"));
            change.setEventTimeMillis(eventTime());
            change.setWiki(required(wiki, "wiki", "a string"));
            change.setType(required(type, "type", "a string"));
            change.setTitle(required(title, "title", "a string"));
            change.setUser(required(user, "user", "a string"));
            change.setBot(required(bot, "bot", "a boolean"));
            Long namespaceValue = optional(namespace, "namespace", "an integer");
            change.setNamespace(namespaceValue == null ? null : namespaceValue.intValue());
            if (lengthKind != null && !lengthKind.equals("null")) {
                throw new MalformedEventException(
                        "field 'length' must be an object, got " + lengthKind);
            }
            change.setOldLength(optional(oldLength, "length.old", "an integer"));
            change.setNewLength(optional(newLength, "length.new", "an integer"));
            return change;
        }

        private long eventTime() throws MalformedEventException {
            if (dt != null) {
                try {
                    return IsoDateTimes.epochMillis(dt);
                } catch (DateTimeParseException e) {
                    // fall back to 'timestamp' below
                }
            }
            if (timestamp != null) {
                return Math.multiplyExact(timestamp.longValue(), 1000L);
            }
            throw new MalformedEventException(
                    "no event time: 'meta.dt' is missing or not an ISO-8601 date-time with offset,"
                            + " and 'timestamp' is missing or not an integer");
        }

        private static <T> T required(@Nullable Value value, String field, String kind)
                throws MalformedEventException {
            T present = optional(value, field, kind);
            if (present == null) {
                throw new MalformedEventException("missing field '" + field + "'");
            }
            return present;
        }

        @SuppressWarnings("unchecked")
        private static <T> @Nullable T optional(@Nullable Value value, String field, String kind)
                throws MalformedEventException {
            if (value == null) {
                return null;
            }
            if (value.wrongKind != null) {
                throw new MalformedEventException(
                        "field '" + field + "' must be " + kind + ", got " + value.wrongKind);
            }
            return (T) value.value;
        }
    }
}
