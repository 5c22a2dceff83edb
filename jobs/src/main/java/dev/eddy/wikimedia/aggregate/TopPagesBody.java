package dev.eddy.wikimedia.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The fields of {@code top-pages} records: the most edited pages, most edits first, ties by title.
 */
public class TopPagesBody implements RecordBody<PageEdits> {

    public static final String STREAM = "top-pages";

    private static final long serialVersionUID = 1L;

    private static final Comparator<Map.Entry<String, PageActivity>> MOST_EDITED_FIRST =
            Comparator.<Map.Entry<String, PageActivity>>comparingLong(
                            page -> page.getValue().getEdits())
                    .reversed()
                    .thenComparing(Map.Entry::getKey);

    private final int pageCount;

    /**
     * @param pageCount how many pages a record lists at most
     */
    public TopPagesBody(int pageCount) {
        if (pageCount < 1) {
            throw new IllegalArgumentException(
                    "top-pages page count must be at least 1, got " + pageCount);
        }
        this.pageCount = pageCount;
    }

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public boolean keyedByWiki() {
        return true;
    }

    @Override
    public void write(PageEdits pageEdits, TimeWindow window, JsonGenerator json)
            throws IOException {
        List<Map.Entry<String, PageActivity>> top =
                pageEdits.getPages().entrySet().stream()
                        .sorted(MOST_EDITED_FIRST)
                        .limit(pageCount)
                        .collect(Collectors.toList());
        json.writeArrayFieldStart("pages");
        for (Map.Entry<String, PageActivity> page : top) {
            json.writeStartObject();
            json.writeStringField("title", page.getKey());
            json.writeNumberField("edits", page.getValue().getEdits());
            json.writeNumberField("distinct_users", page.getValue().getUsers().size());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
