package dev.eddy.wikimedia.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** The fields of {@code edits-per-wiki} records. */
public class EditsPerWikiBody implements RecordBody<WikiActivity> {

    public static final String STREAM = "edits-per-wiki";

    private static final long serialVersionUID = 1L;

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public boolean keyedByWiki() {
        return true;
    }

    @Override
    public long events(WikiActivity activity) {
        return activity.getEvents();
    }

    @Override
    public void write(List<WikiActivity> panes, TimeWindow window, JsonGenerator json)
            throws IOException {
        WikiActivity activity = WikiActivity.sum(panes);
        json.writeNumberField("events", activity.getEvents());
        json.writeNumberField("edits", activity.getEdits());
        json.writeNumberField("new_pages", activity.getNewPages());
        json.writeNumberField("log_events", activity.getLogEvents());
        json.writeNumberField("categorize_events", activity.getCategorizeEvents());
        json.writeNumberField("bot_events", activity.getBotEvents());
        json.writeNumberField("human_events", activity.humanEvents());
        json.writeNumberField("distinct_users", activity.getUsers().size());
        json.writeNumberField("bytes_added", activity.getBytesAdded());
        json.writeNumberField("bytes_removed", activity.getBytesRemoved());
    }
}
