package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.model.ChangeFacts;
import java.util.HashMap;
import java.util.Map;

/**
 * Accumulator of {@code top-pages}: per page title of one wiki, its edits in the window. A Flink
 * POJO.
 */
public class PageEdits {

    private long edits;
    private Map<String, PageActivity> pages = new HashMap<>();

    public PageEdits() {}

    /**
     * Whether the change edits a page's content: {@code edit} or {@code new}. Only those count for
     * top pages.
     */
    public static boolean countsAsPageEdit(ChangeFacts change) {
        return "edit".equals(change.getType()) || "new".equals(change.getType());
    }

    void add(ChangeFacts change) {
        edits++;
        pages.computeIfAbsent(change.getTitle(), title -> new PageActivity()).add(change.getUser());
    }

    void addAll(PageEdits other) {
        edits += other.edits;
        other.pages.forEach(
                (title, activity) ->
                        pages.computeIfAbsent(title, t -> new PageActivity()).addAll(activity));
    }

    /** The edits of all pages. */
    public long getEdits() {
        return edits;
    }

    public void setEdits(long edits) {
        this.edits = edits;
    }

    public Map<String, PageActivity> getPages() {
        return pages;
    }

    public void setPages(Map<String, PageActivity> pages) {
        this.pages = pages;
    }
}
