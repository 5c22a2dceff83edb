package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.model.ChangeFacts;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incrementally counts one wiki's events for {@code edits-per-wiki}. */
public class EditsPerWikiAggregate
        implements AggregateFunction<ChangeFacts, WikiActivity, WikiActivity> {

    private static final long serialVersionUID = 1L;

    @Override
    public WikiActivity createAccumulator() {
        return new WikiActivity();
    }

    @Override
    public WikiActivity add(ChangeFacts change, WikiActivity activity) {
        activity.add(change);
        return activity;
    }

    @Override
    public WikiActivity getResult(WikiActivity activity) {
        return activity;
    }

    @Override
    public WikiActivity merge(WikiActivity a, WikiActivity b) {
        a.addAll(b);
        return a;
    }
}
