package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.model.ChangeFacts;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accumulator of {@code edits-per-wiki}: the counts of one wiki's window. A Flink POJO; the user
 * set is bounded by the number of distinct users editing the wiki in one window.
 */
public class WikiActivity {

    private long events;
    private long edits;
    private long newPages;
    private long logEvents;
    private long categorizeEvents;
    private long botEvents;
    private long bytesAdded;
    private long bytesRemoved;
    private Set<String> users = new HashSet<>();

    public WikiActivity() {}

    void add(ChangeFacts change) {
        events++;
        switch (change.getType()) {
            case "edit":
                edits++;
                break;
            case "new":
                newPages++;
                break;
            case "log":
                logEvents++;
                break;
            case "categorize":
                categorizeEvents++;
                break;
            default:
                break;
        }
        if (change.isBot()) {
            botEvents++;
        }
        long sizeChange = change.getSizeChange();
        if (sizeChange > 0) {
            bytesAdded += sizeChange;
        } else {
            bytesRemoved -= sizeChange;
        }
        users.add(change.getUser());
    }

    void addAll(WikiActivity other) {
        events += other.events;
        edits += other.edits;
        newPages += other.newPages;
        logEvents += other.logEvents;
        categorizeEvents += other.categorizeEvents;
        botEvents += other.botEvents;
        bytesAdded += other.bytesAdded;
        bytesRemoved += other.bytesRemoved;
        users.addAll(other.users);
    }

    /** The activity of all panes: the only one itself, else a new sum. */
    static WikiActivity sum(List<WikiActivity> panes) {
        if (panes.size() == 1) {
            return panes.get(0);
        }
        WikiActivity sum = new WikiActivity();
        panes.forEach(sum::addAll);
        return sum;
    }

    public long humanEvents() {
        return events - botEvents;
    }

    public long getEvents() {
        return events;
    }

    public void setEvents(long events) {
        this.events = events;
    }

    public long getEdits() {
        return edits;
    }

    public void setEdits(long edits) {
        this.edits = edits;
    }

    public long getNewPages() {
        return newPages;
    }

    public void setNewPages(long newPages) {
        this.newPages = newPages;
    }

    public long getLogEvents() {
        return logEvents;
    }

    public void setLogEvents(long logEvents) {
        this.logEvents = logEvents;
    }

    public long getCategorizeEvents() {
        return categorizeEvents;
    }

    public void setCategorizeEvents(long categorizeEvents) {
        this.categorizeEvents = categorizeEvents;
    }

    public long getBotEvents() {
        return botEvents;
    }

    public void setBotEvents(long botEvents) {
        this.botEvents = botEvents;
    }

    /** Sum of the positive size changes, in bytes. */
    public long getBytesAdded() {
        return bytesAdded;
    }

    public void setBytesAdded(long bytesAdded) {
        this.bytesAdded = bytesAdded;
    }

    /** Sum of the negative size changes as a positive number of bytes. */
    public long getBytesRemoved() {
        return bytesRemoved;
    }

    public void setBytesRemoved(long bytesRemoved) {
        this.bytesRemoved = bytesRemoved;
    }

    public Set<String> getUsers() {
        return users;
    }

    public void setUsers(Set<String> users) {
        this.users = users;
    }
}
