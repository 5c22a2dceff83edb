package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.model.ChangeFacts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulator of {@code activity}: events of all wikis by type, and how many came from bots. A
 * Flink POJO.
 */
public class TypeCounts {

    private long events;
    private long botEvents;
    private Map<String, Long> byType = new HashMap<>();

    public TypeCounts() {}

    void add(ChangeFacts change) {
        events++;
        if (change.isBot()) {
            botEvents++;
        }
        byType.merge(change.getType(), 1L, Long::sum);
    }

    void addAll(TypeCounts other) {
        events += other.events;
        botEvents += other.botEvents;
        other.byType.forEach((type, count) -> byType.merge(type, count, Long::sum));
    }

    /** The counts of all panes: the only one itself, else a new sum. */
    static TypeCounts sum(List<TypeCounts> panes) {
        if (panes.size() == 1) {
            return panes.get(0);
        }
        TypeCounts sum = new TypeCounts();
        panes.forEach(sum::addAll);
        return sum;
    }

    public long getEvents() {
        return events;
    }

    public void setEvents(long events) {
        this.events = events;
    }

    public long getBotEvents() {
        return botEvents;
    }

    public void setBotEvents(long botEvents) {
        this.botEvents = botEvents;
    }

    public Map<String, Long> getByType() {
        return byType;
    }

    public void setByType(Map<String, Long> byType) {
        this.byType = byType;
    }
}
