package dev.eddy.wikimedia.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The fields of {@code activity} records. {@code by_type} always has {@code edit}, {@code new},
 * {@code log} and {@code categorize} (0 when absent), then any other type seen, such as {@code
 * external}. {@code events_per_second} is the window's events over its length.
 */
public class ActivityBody implements RecordBody<TypeCounts> {

    public static final String STREAM = "activity";

    /** The key of the single {@code activity} window per time slot. */
    public static final String KEY = "all";

    private static final long serialVersionUID = 1L;

    private static final List<String> KNOWN_TYPES = List.of("edit", "new", "log", "categorize");

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public boolean keyedByWiki() {
        return false;
    }

    @Override
    public long events(TypeCounts counts) {
        return counts.getEvents();
    }

    @Override
    public void write(List<TypeCounts> panes, TimeWindow window, JsonGenerator json)
            throws IOException {
        TypeCounts counts = TypeCounts.sum(panes);
        json.writeNumberField("events", counts.getEvents());
        json.writeObjectFieldStart("by_type");
        Map<String, Long> others = new TreeMap<>(counts.getByType());
        for (String type : KNOWN_TYPES) {
            Long count = others.remove(type);
            json.writeNumberField(type, count == null ? 0 : count);
        }
        for (Map.Entry<String, Long> other : others.entrySet()) {
            json.writeNumberField(other.getKey(), other.getValue());
        }
        json.writeEndObject();
        double botShare =
                counts.getEvents() == 0 ? 0 : (double) counts.getBotEvents() / counts.getEvents();
        json.writeNumberField("bot_share", botShare);
        double seconds = (window.getEnd() - window.getStart()) / 1000.0;
        json.writeNumberField("events_per_second", counts.getEvents() / seconds);
    }
}
