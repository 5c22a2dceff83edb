package dev.eddy.bench.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Decodes event data into {@link RecentChangeEvent} with one reused {@link ObjectReader}, from
 * UTF-8 bytes (what Eddy's client hands over) or from a String (what the peer clients hand over).
 */
public final class RecentChangeJson {

    private static final ObjectReader READER =
            new ObjectMapper().readerFor(RecentChangeEvent.class);

    private RecentChangeJson() {}

    public static RecentChangeEvent decode(byte[] utf8) {
        try {
            return READER.readValue(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException("Event data is not a recentchange event", e);
        }
    }

    public static RecentChangeEvent decode(String json) {
        try {
            return READER.readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Event data is not a recentchange event", e);
        }
    }
}
