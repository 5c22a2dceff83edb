package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.model.ChangeFacts;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incrementally counts all wikis' events by type for {@code activity}. */
public class ActivityAggregate implements AggregateFunction<ChangeFacts, TypeCounts, TypeCounts> {

    private static final long serialVersionUID = 1L;

    @Override
    public TypeCounts createAccumulator() {
        return new TypeCounts();
    }

    @Override
    public TypeCounts add(ChangeFacts change, TypeCounts counts) {
        counts.add(change);
        return counts;
    }

    @Override
    public TypeCounts getResult(TypeCounts counts) {
        return counts;
    }

    @Override
    public TypeCounts merge(TypeCounts a, TypeCounts b) {
        a.addAll(b);
        return a;
    }
}
