package dev.eddy.wikimedia.model;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The fields of one Wikimedia {@code mediawiki.recentchange} event that the aggregates use. A Flink
 * POJO (public no-arg constructor, getters and setters), so Flink serializes it with its {@code
 * PojoSerializer} and not with Kryo.
 */
public class RecentChange {

    private String eventId;
    private @Nullable String domain;
    private long eventTimeMillis;
    private String wiki;
    private String type;
    private String title;
    private String user;
    private boolean bot;
    private @Nullable Long oldLength;
    private @Nullable Long newLength;
    private @Nullable Integer namespace;

    public RecentChange() {}

    /** {@code meta.id}: unique per event, the key for de-duplication. */
    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    /** {@code meta.domain}, e.g. {@code www.wikidata.org}; {@code canary} for monitoring events. */
    public @Nullable String getDomain() {
        return domain;
    }

    public void setDomain(@Nullable String domain) {
        this.domain = domain;
    }

    /**
     * Event time: {@code meta.dt}, or {@code timestamp} when {@code meta.dt} is missing or
     * unreadable.
     */
    public long getEventTimeMillis() {
        return eventTimeMillis;
    }

    public void setEventTimeMillis(long eventTimeMillis) {
        this.eventTimeMillis = eventTimeMillis;
    }

    /** The wiki's database name, e.g. {@code enwiki}, {@code wikidatawiki}. */
    public String getWiki() {
        return wiki;
    }

    public void setWiki(String wiki) {
        this.wiki = wiki;
    }

    /** {@code edit}, {@code new}, {@code log}, {@code categorize} or {@code external}. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public boolean isBot() {
        return bot;
    }

    public void setBot(boolean bot) {
        this.bot = bot;
    }

    /**
     * {@code length.old}: page size in bytes before the change; absent for new pages and log
     * events.
     */
    public @Nullable Long getOldLength() {
        return oldLength;
    }

    public void setOldLength(@Nullable Long oldLength) {
        this.oldLength = oldLength;
    }

    /** {@code length.new}: page size in bytes after the change; absent for log events. */
    public @Nullable Long getNewLength() {
        return newLength;
    }

    public void setNewLength(@Nullable Long newLength) {
        this.newLength = newLength;
    }

    public @Nullable Integer getNamespace() {
        return namespace;
    }

    public void setNamespace(@Nullable Integer namespace) {
        this.namespace = namespace;
    }

    /**
     * {@code length.new - length.old}, a missing {@code old} counting as 0; 0 without {@code
     * length.new}.
     */
    public long sizeChange() {
        if (newLength == null) {
            return 0;
        }
        return newLength - (oldLength == null ? 0 : oldLength);
    }

    /** Wikimedia's synthetic monitoring events, which are not real changes. */
    public boolean canary() {
        return "canary".equals(domain);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RecentChange)) {
            return false;
        }
        RecentChange other = (RecentChange) o;
        return eventTimeMillis == other.eventTimeMillis
                && bot == other.bot
                && Objects.equals(eventId, other.eventId)
                && Objects.equals(domain, other.domain)
                && Objects.equals(wiki, other.wiki)
                && Objects.equals(type, other.type)
                && Objects.equals(title, other.title)
                && Objects.equals(user, other.user)
                && Objects.equals(oldLength, other.oldLength)
                && Objects.equals(newLength, other.newLength)
                && Objects.equals(namespace, other.namespace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, wiki, type, title, eventTimeMillis);
    }

    @Override
    public String toString() {
        return "RecentChange{"
                + eventId
                + ' '
                + wiki
                + ' '
                + type
                + " '"
                + title
                + "' by '"
                + user
                + "'"
                + (bot ? " (bot)" : "")
                + " at "
                + eventTimeMillis
                + '}';
    }
}
