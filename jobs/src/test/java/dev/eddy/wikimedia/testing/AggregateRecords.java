package dev.eddy.wikimedia.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.wikimedia.record.AggregateRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Views of collected aggregate records for assertions. */
public final class AggregateRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AggregateRecords() {}

    /**
     * Per window ({@link IndependentAggregates#id}), its latest record if that is final, as JSON
     * without {@code revision}: comparable with {@link IndependentAggregates#compute}.
     */
    public static Map<String, ObjectNode> latestFinal(List<AggregateRecord> records) {
        Map<String, AggregateRecord> latest = new TreeMap<>();
        for (AggregateRecord record : records) {
            latest.merge(id(record), record, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        Map<String, ObjectNode> finals = new TreeMap<>();
        latest.forEach(
                (id, record) -> {
                    if (record.isFinalUpdate()) {
                        ObjectNode json = json(record);
                        json.remove("revision");
                        finals.put(id, json);
                    }
                });
        return finals;
    }

    /** The updates of one window, by revision. */
    public static List<AggregateRecord> updatesOf(List<AggregateRecord> records, String windowId) {
        return records.stream()
                .filter(record -> id(record).equals(windowId))
                .sorted(Comparator.comparingInt(AggregateRecord::getRevision))
                .collect(Collectors.toList());
    }

    public static String id(AggregateRecord record) {
        return IndependentAggregates.id(record.getStream(), record.getKey(), record.windowStart());
    }

    public static ObjectNode json(AggregateRecord record) {
        try {
            return (ObjectNode) MAPPER.readTree(record.getJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
