package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.model.ChangeFacts;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Incrementally counts edits per page of one wiki for {@code top-pages}; expects only page edits.
 */
public class TopPagesAggregate implements AggregateFunction<ChangeFacts, PageEdits, PageEdits> {

    private static final long serialVersionUID = 1L;

    @Override
    public PageEdits createAccumulator() {
        return new PageEdits();
    }

    @Override
    public PageEdits add(ChangeFacts change, PageEdits pageEdits) {
        pageEdits.add(change);
        return pageEdits;
    }

    @Override
    public PageEdits getResult(PageEdits pageEdits) {
        return pageEdits;
    }

    @Override
    public PageEdits merge(PageEdits a, PageEdits b) {
        a.addAll(b);
        return a;
    }
}
