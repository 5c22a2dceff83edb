package dev.eddy.wikimedia.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The fields of {@code top-pages} records: the most edited pages, most edits first, ties by title.
 * A window's edits per page are summed over its panes, the top pages picked with a bounded heap,
 * and only their users are merged for {@code distinct_users}.
 */
public class TopPagesBody implements RecordBody<PageEdits> {

    public static final String STREAM = "top-pages";

    private static final long serialVersionUID = 1L;

    private static final Comparator<PageCount> MOST_EDITED_FIRST =
            Comparator.comparingLong(PageCount::edits).reversed().thenComparing(PageCount::title);

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
    public long events(PageEdits pageEdits) {
        return pageEdits.getEdits();
    }

    @Override
    public void write(List<PageEdits> panes, TimeWindow window, JsonGenerator json)
            throws IOException {
        json.writeArrayFieldStart("pages");
        for (PageCount page : top(editsPerPage(panes))) {
            json.writeStartObject();
            json.writeStringField("title", page.title());
            json.writeNumberField("edits", page.edits());
            json.writeNumberField("distinct_users", distinctUsers(panes, page.title()));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static Map<String, long[]> editsPerPage(List<PageEdits> panes) {
        Map<String, long[]> edits = new HashMap<>();
        for (PageEdits pane : panes) {
            for (Map.Entry<String, PageActivity> page : pane.getPages().entrySet()) {
                edits.computeIfAbsent(page.getKey(), title -> new long[1])[0] +=
                        page.getValue().getEdits();
            }
        }
        return edits;
    }

    /** The {@code pageCount} most edited pages, in order. */
    private List<PageCount> top(Map<String, long[]> editsPerPage) {
        PriorityQueue<PageCount> leastOfTheTopFirst =
                new PriorityQueue<>(pageCount + 1, MOST_EDITED_FIRST.reversed());
        for (Map.Entry<String, long[]> page : editsPerPage.entrySet()) {
            PageCount candidate = new PageCount(page.getKey(), page.getValue()[0]);
            if (leastOfTheTopFirst.size() < pageCount) {
                leastOfTheTopFirst.add(candidate);
            } else if (MOST_EDITED_FIRST.compare(candidate, leastOfTheTopFirst.peek()) < 0) {
                leastOfTheTopFirst.poll();
                leastOfTheTopFirst.add(candidate);
            }
        }
        List<PageCount> top = new ArrayList<>(leastOfTheTopFirst);
        top.sort(MOST_EDITED_FIRST);
        return top;
    }

    private static int distinctUsers(List<PageEdits> panes, String title) {
        if (panes.size() == 1) {
            return panes.get(0).getPages().get(title).getUsers().size();
        }
        Set<String> users = new HashSet<>();
        for (PageEdits pane : panes) {
            PageActivity activity = pane.getPages().get(title);
            if (activity != null) {
                users.addAll(activity.getUsers());
            }
        }
        return users.size();
    }

    private record PageCount(String title, long edits) {}
}
