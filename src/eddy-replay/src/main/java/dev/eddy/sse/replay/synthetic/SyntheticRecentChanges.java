package dev.eddy.sse.replay.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * SYNTHETIC recentchange events, not recorded ones: shaped like the current schema ({@code
 * $schema}, {@code meta.stream}, millisecond {@code dt}), over several wikis, bots and humans, and
 * all types (edit, new, log, categorize, external), with a few seconds of disorder in event time.
 * Deterministic for a given seed. Used by tests and by {@code eddy bench pipeline}.
 */
public final class SyntheticRecentChanges {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The Kafka topic named in {@code meta.topic} of events made with an offset. */
    public static final String TOPIC = "eqiad.mediawiki.recentchange";

    private static final String[] WIKIS = {
        "enwiki", "dewiki", "wikidatawiki", "commonswiki", "frwiki"
    };

    private SyntheticRecentChanges() {}

    /**
     * @param count how many events
     * @param start event time of the first
     * @param meanGapMillis average event-time gap between consecutive events
     */
    public static List<String> generate(long seed, int count, Instant start, long meanGapMillis) {
        Random random = new Random(seed);
        List<String> events = new ArrayList<>(count);
        long time = start.toEpochMilli();
        for (int i = 0; i < count; i++) {
            time += random.nextInt((int) (2 * meanGapMillis + 1));
            long disordered = time - random.nextInt(3000);
            events.add(event(random, disordered));
        }
        return events;
    }

    /** One synthetic event at the given time (epoch millis). */
    public static String event(Random random, long timeMillis) {
        return build(random, timeMillis).toString();
    }

    /**
     * One synthetic event at the given time (epoch millis) that also carries {@code
     * meta.topic}/{@code partition}/{@code offset} as Wikimedia's do, and this offset as its {@code
     * id}.
     */
    public static String event(Random random, long timeMillis, long offset) {
        ObjectNode event = build(random, timeMillis);
        ObjectNode meta = (ObjectNode) event.get("meta");
        meta.put("topic", TOPIC);
        meta.put("partition", 0);
        meta.put("offset", offset);
        event.put("id", offset);
        return event.toString();
    }

    private static ObjectNode build(Random random, long timeMillis) {
        String wiki = WIKIS[random.nextInt(WIKIS.length)];
        int roll = random.nextInt(100);
        String type =
                roll < 65
                        ? "edit"
                        : roll < 78
                                ? "new"
                                : roll < 88 ? "log" : roll < 97 ? "categorize" : "external";
        boolean bot = random.nextInt(10) < 3;
        String user =
                bot ? "SyntheticBot" + random.nextInt(4) : "Synthetic user " + random.nextInt(25);
        String title =
                type.equals("categorize")
                        ? "Category:Synthetic " + random.nextInt(5)
                        : "Synthetic page " + random.nextInt(random.nextBoolean() ? 4 : 30);
        ObjectNode event = MAPPER.createObjectNode();
        event.put("$schema", "/mediawiki/recentchange/1.0.0");
        ObjectNode meta = event.putObject("meta");
        meta.put("uri", "https://" + wiki + ".example/wiki/" + title.replace(' ', '_'));
        meta.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
        meta.put("dt", Instant.ofEpochMilli(timeMillis).toString());
        meta.put("domain", wiki + ".example");
        meta.put("stream", "mediawiki.recentchange");
        event.put("id", random.nextInt(Integer.MAX_VALUE));
        event.put("type", type);
        event.put("namespace", type.equals("categorize") ? 14 : 0);
        event.put("title", title);
        event.put("title_url", meta.get("uri").asText());
        event.put("comment", "synthetic");
        event.put("timestamp", timeMillis / 1000);
        event.put("user", user);
        event.put("bot", bot);
        if (type.equals("edit")) {
            ObjectNode length = event.putObject("length");
            length.put("old", 1000 + random.nextInt(5000));
            length.put("new", 1000 + random.nextInt(5000));
        } else if (type.equals("new")) {
            event.putObject("length").put("new", random.nextInt(4000));
        }
        event.put("server_name", wiki + ".example");
        event.put("wiki", wiki);
        return event;
    }
}
