package dev.eddy.sse.source.reader;

/** Lets tests outside the package say which split is being emitted. */
public final class EmittingSplitAccess {

    private EmittingSplitAccess() {}

    public static void set(EmittingSplit.Connection connection) {
        EmittingSplit.set(connection);
    }
}
