package dev.eddy.sse.testing;

import java.util.ArrayList;
import java.util.List;

/** Small recordings for the test server. */
public final class TestEvents {

    private TestEvents() {}

    /** Events with ids {@code "0".."count-1"} and data {@code {"n":i}}. */
    public static List<SseTestServer.Event> numbered(int count) {
        List<SseTestServer.Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(
                    new SseTestServer.Event(Integer.toString(i), "message", "{\"n\":" + i + "}"));
        }
        return List.copyOf(events);
    }

    /**
     * Events shaped like Wikimedia EventStreams' recentchange: ids are JSON arrays of topic,
     * partition and offset (sent back verbatim on resume), data a recentchange-like object.
     */
    public static List<SseTestServer.Event> recentChanges(int count) {
        List<SseTestServer.Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = 1_000_000L + i;
            String id =
                    "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":0,\"offset\":"
                            + offset
                            + "},{\"topic\":\"codfw.mediawiki.recentchange\",\"partition\":0,\"offset\":-1}]";
            String data =
                    "{\"$schema\":\"/mediawiki/recentchange/1.0.0\",\"meta\":{\"id\":\"event-"
                            + i
                            + "\",\"dt\":\"2018-03-07T16:16:"
                            + String.format("%02d", i % 60)
                            + ".000Z\",\"stream\":\"mediawiki.recentchange\",\"offset\":"
                            + offset
                            + "},\"type\":\"edit\",\"wiki\":\"wikidatawiki\",\"title\":\"Q"
                            + i
                            + "\",\"user\":\"user-"
                            + (i % 7)
                            + "\",\"bot\":"
                            + (i % 3 == 0)
                            + ",\"length\":{\"old\":"
                            + (100 + i)
                            + ",\"new\":"
                            + (120 + i)
                            + "}}";
            events.add(new SseTestServer.Event(id, "message", data));
        }
        return List.copyOf(events);
    }
}
