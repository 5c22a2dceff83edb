package dev.eddy.wikimedia;

import dev.eddy.sse.client.StreamUrls;
import dev.eddy.sse.source.reader.OncePerKindLogger;
import dev.eddy.wikimedia.model.ChangeFacts;
import dev.eddy.wikimedia.model.WikiInput;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.LoggerFactory;

/**
 * Passes on what the aggregates count of each recent change ({@link ChangeFacts}) and sends dead
 * letters to the {@link #DEAD_LETTERS} side output, counting them and logging the first of each
 * kind (the reason up to its first colon).
 */
public class DeadLetterSplitter extends ProcessFunction<WikiInput, ChangeFacts> {

    private static final long serialVersionUID = 1L;

    /** The side output of dead letters. */
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetterRecord.class));

    private transient Counter deadLetters;
    private transient OncePerKindLogger problems;

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        problems = new OncePerKindLogger(LoggerFactory.getLogger(DeadLetterSplitter.class));
    }

    @Override
    public void processElement(WikiInput input, Context context, Collector<ChangeFacts> out) {
        DeadLetterRecord deadLetter = input.getDeadLetter();
        if (deadLetter != null) {
            deadLetters.inc();
            String reason = deadLetter.getReason();
            int colon = reason.indexOf(':');
            problems.warn(
                    colon < 0 ? reason : reason.substring(0, colon),
                    "Dead letter from {} after Last-Event-ID {}: {}",
                    StreamUrls.redact(deadLetter.getStreamUrl()),
                    deadLetter.getLastEventId(),
                    reason);
            context.output(DEAD_LETTERS, deadLetter);
        } else if (input.getChange() != null) {
            out.collect(ChangeFacts.of(input.getChange()));
        }
    }
}
