package dev.eddy.wikimedia.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The final aggregate records the job should produce, computed straight from raw recentchange JSON
 * by walking Jackson trees, deliberately without any of the job's classes. Keys are {@code
 * stream|key|window_start}; values are the expected JSON objects without {@code revision}.
 */
public final class IndependentAggregates {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final long editsWindow;
    private final long topPagesWindow;
    private final long topPagesSlide;
    private final int topPagesCount;
    private final long activityWindow;

    public IndependentAggregates(
            long editsWindowMillis,
            long topPagesWindowMillis,
            long topPagesSlideMillis,
            int topPagesCount,
            long activityWindowMillis) {
        this.editsWindow = editsWindowMillis;
        this.topPagesWindow = topPagesWindowMillis;
        this.topPagesSlide = topPagesSlideMillis;
        this.topPagesCount = topPagesCount;
        this.activityWindow = activityWindowMillis;
    }

    /** The defaults: 1 min, 5 min sliding by 1 min with 10 pages, 10 s. */
    public static IndependentAggregates withDefaultWindows() {
        return new IndependentAggregates(60_000, 300_000, 60_000, 10, 10_000);
    }

    public static String id(String stream, String key, String windowStart) {
        return stream + '|' + key + '|' + windowStart;
    }

    /**
     * Expected final records of all three streams over the given events (all assumed on time, none
     * canary).
     */
    public Map<String, ObjectNode> compute(List<String> rawEvents) {
        List<Event> events = new ArrayList<>(rawEvents.size());
        for (String raw : rawEvents) {
            try {
                events.add(Event.of(MAPPER.readTree(raw)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, ObjectNode> expected = new TreeMap<>();
        expected.putAll(editsPerWiki(events));
        expected.putAll(topPages(events));
        expected.putAll(activity(events));
        expected.replaceAll((id, record) -> normalized(record));
        return expected;
    }

    private Map<String, ObjectNode> editsPerWiki(List<Event> events) {
        Map<String, List<Event>> byWindow = new HashMap<>();
        for (Event event : events) {
            long start = event.time() - Math.floorMod(event.time(), editsWindow);
            byWindow.computeIfAbsent(event.wiki() + '|' + start, k -> new ArrayList<>()).add(event);
        }
        Map<String, ObjectNode> records = new HashMap<>();
        byWindow.forEach(
                (wikiAndStart, inWindow) -> {
                    String wiki = wikiAndStart.substring(0, wikiAndStart.indexOf('|'));
                    long start =
                            Long.parseLong(wikiAndStart.substring(wikiAndStart.indexOf('|') + 1));
                    long edits = 0,
                            newPages = 0,
                            logs = 0,
                            categorize = 0,
                            bots = 0,
                            added = 0,
                            removed = 0;
                    Set<String> users = new HashSet<>();
                    for (Event event : inWindow) {
                        String type = event.type();
                        edits += type.equals("edit") ? 1 : 0;
                        newPages += type.equals("new") ? 1 : 0;
                        logs += type.equals("log") ? 1 : 0;
                        categorize += type.equals("categorize") ? 1 : 0;
                        bots += event.bot() ? 1 : 0;
                        users.add(event.user());
                        if (event.newLength() != null) {
                            long delta =
                                    event.newLength()
                                            - (event.oldLength() == null ? 0 : event.oldLength());
                            added += Math.max(delta, 0);
                            removed += Math.max(-delta, 0);
                        }
                    }
                    ObjectNode record =
                            envelope("edits-per-wiki", wiki, true, start, start + editsWindow);
                    record.put("events", inWindow.size());
                    record.put("edits", edits);
                    record.put("new_pages", newPages);
                    record.put("log_events", logs);
                    record.put("categorize_events", categorize);
                    record.put("bot_events", bots);
                    record.put("human_events", inWindow.size() - bots);
                    record.put("distinct_users", users.size());
                    record.put("bytes_added", added);
                    record.put("bytes_removed", removed);
                    records.put(id("edits-per-wiki", wiki, iso(start)), record);
                });
        return records;
    }

    private Map<String, ObjectNode> topPages(List<Event> events) {
        Map<String, Map<String, List<String>>> usersByPageByWindow = new HashMap<>();
        for (Event event : events) {
            String type = event.type();
            if (!type.equals("edit") && !type.equals("new")) {
                continue;
            }
            long time = event.time();
            for (long start = time - Math.floorMod(time, topPagesSlide);
                    start > time - topPagesWindow;
                    start -= topPagesSlide) {
                usersByPageByWindow
                        .computeIfAbsent(event.wiki() + '|' + start, k -> new HashMap<>())
                        .computeIfAbsent(event.title(), k -> new ArrayList<>())
                        .add(event.user());
            }
        }
        Map<String, ObjectNode> records = new HashMap<>();
        usersByPageByWindow.forEach(
                (wikiAndStart, usersByPage) -> {
                    String wiki = wikiAndStart.substring(0, wikiAndStart.indexOf('|'));
                    long start =
                            Long.parseLong(wikiAndStart.substring(wikiAndStart.indexOf('|') + 1));
                    List<Map.Entry<String, List<String>>> pages =
                            new ArrayList<>(usersByPage.entrySet());
                    pages.sort(
                            Comparator.<Map.Entry<String, List<String>>>comparingInt(
                                            page -> -page.getValue().size())
                                    .thenComparing(Map.Entry::getKey));
                    ObjectNode record =
                            envelope("top-pages", wiki, true, start, start + topPagesWindow);
                    ArrayNode list = record.putArray("pages");
                    for (Map.Entry<String, List<String>> page :
                            pages.subList(0, Math.min(topPagesCount, pages.size()))) {
                        list.addObject()
                                .put("title", page.getKey())
                                .put("edits", page.getValue().size())
                                .put("distinct_users", new HashSet<>(page.getValue()).size());
                    }
                    records.put(id("top-pages", wiki, iso(start)), record);
                });
        return records;
    }

    private Map<String, ObjectNode> activity(List<Event> events) {
        Map<Long, List<Event>> byWindow = new HashMap<>();
        for (Event event : events) {
            byWindow.computeIfAbsent(
                            event.time() - Math.floorMod(event.time(), activityWindow),
                            k -> new ArrayList<>())
                    .add(event);
        }
        Map<String, ObjectNode> records = new HashMap<>();
        byWindow.forEach(
                (start, inWindow) -> {
                    Map<String, Long> byType = new TreeMap<>();
                    long bots = 0;
                    for (Event event : inWindow) {
                        byType.merge(event.type(), 1L, Long::sum);
                        bots += event.bot() ? 1 : 0;
                    }
                    ObjectNode record =
                            envelope("activity", "all", false, start, start + activityWindow);
                    record.put("events", inWindow.size());
                    ObjectNode types = record.putObject("by_type");
                    for (String type : List.of("edit", "new", "log", "categorize")) {
                        types.put(type, byType.getOrDefault(type, 0L));
                    }
                    byType.forEach(types::put);
                    record.put("bot_share", (double) bots / inWindow.size());
                    record.put("events_per_second", inWindow.size() / (activityWindow / 1000.0));
                    records.put(id("activity", "all", iso(start)), record);
                });
        return records;
    }

    /**
     * Re-read from text, so numbers have the node types a parser gives them (IntNode vs LongNode).
     */
    private static ObjectNode normalized(ObjectNode record) {
        try {
            return (ObjectNode) MAPPER.readTree(record.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode envelope(
            String stream, String key, boolean withWiki, long start, long end) {
        ObjectNode record = MAPPER.createObjectNode();
        record.put("stream", stream);
        record.put("key", key);
        if (withWiki) {
            record.put("wiki", key);
        }
        record.put("window_start", iso(start));
        record.put("window_end", iso(end));
        record.put("final", true);
        return record;
    }

    /** What the aggregates read of one event, taken from its Jackson tree. */
    private record Event(
            String wiki,
            String type,
            String title,
            String user,
            boolean bot,
            long time,
            Long oldLength,
            Long newLength) {

        static Event of(JsonNode event) {
            JsonNode length = event.path("length");
            return new Event(
                    event.get("wiki").asText(),
                    event.get("type").asText(),
                    event.get("title").asText(),
                    event.get("user").asText(),
                    event.get("bot").asBoolean(),
                    time(event),
                    length.hasNonNull("old") ? length.get("old").asLong() : null,
                    length.hasNonNull("new") ? length.get("new").asLong() : null);
        }

        private static long time(JsonNode event) {
            JsonNode dt = event.path("meta").path("dt");
            if (dt.isTextual()) {
                return OffsetDateTime.parse(dt.asText()).toInstant().toEpochMilli();
            }
            return event.get("timestamp").asLong() * 1000;
        }
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
