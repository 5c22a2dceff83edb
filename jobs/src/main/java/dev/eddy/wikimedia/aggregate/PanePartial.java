package dev.eddy.wikimedia.aggregate;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;

/**
 * One key's events of one pane, combined before the shuffle by {@link PaneCombiner}: the key, the
 * pane's start (epoch milliseconds), how many events it holds, and their accumulator. A Flink
 * tuple, so that it crosses the shuffle with the accumulator's own serializer.
 */
public final class PanePartial<A> extends Tuple3<String, Long, A> {

    private static final long serialVersionUID = 1L;

    /** For Flink's tuple serializer. */
    public PanePartial() {}

    PanePartial(String key, long paneStart, A accumulator) {
        super(key, paneStart, accumulator);
    }

    /** The type of partials of an accumulator of this type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <A> TypeInformation<PanePartial<A>> typeOf(TypeInformation<A> accumulatorType) {
        return new TupleTypeInfo(PanePartial.class, Types.STRING, Types.LONG, accumulatorType);
    }

    public String key() {
        return f0;
    }

    public long paneStart() {
        return f1;
    }

    public A accumulator() {
        return f2;
    }
}
