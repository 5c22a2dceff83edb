package dev.eddy.wikimedia.aggregate;

import java.util.HashSet;
import java.util.Set;

/** The edits of one page in a {@code top-pages} window and who made them. A Flink POJO. */
public class PageActivity {

    private long edits;
    private Set<String> users = new HashSet<>();

    public PageActivity() {}

    void add(String user) {
        edits++;
        users.add(user);
    }

    void addAll(PageActivity other) {
        edits += other.edits;
        users.addAll(other.users);
    }

    public long getEdits() {
        return edits;
    }

    public void setEdits(long edits) {
        this.edits = edits;
    }

    public Set<String> getUsers() {
        return users;
    }

    public void setUsers(Set<String> users) {
        this.users = users;
    }
}
