package dev.eddy.wikimedia;

import dev.eddy.wikimedia.model.RecentChange;
import dev.eddy.wikimedia.model.WikiInput;
import dev.eddy.wikimedia.record.DeadLetterRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes recent changes on and sends dead letters to the {@link #DEAD_LETTERS} side output, counting them. */
public class DeadLetterSplitter extends ProcessFunction<WikiInput, RecentChange> {

    private static final long serialVersionUID = 1L;

    /** The side output of dead letters. */
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetterRecord.class));

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(WikiInput input, Context context, Collector<RecentChange> out) {
        DeadLetterRecord deadLetter = input.getDeadLetter();
        if (deadLetter != null) {
            deadLetters.inc();
            context.output(DEAD_LETTERS, deadLetter);
        } else if (input.getChange() != null) {
            out.collect(input.getChange());
        }
    }
}
