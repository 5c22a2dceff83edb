package dev.eddy.sse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level scalar fields of a record as text: what subscriber filters match on and what the
 * snapshot of latest windows keys on ({@code key}, {@code window_start}, {@code window_end}, {@code
 * final}).
 */
final class RecordFields {

    private RecordFields() {}

    static Map<String, String> topLevel(ObjectNode record) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : record.properties()) {
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                fields.put(field.getKey(), value.asText());
            }
        }
        return Map.copyOf(fields);
    }
}
