package dev.eddy.sse.replay;

/**
 * Where a connection's stream continues: the next event's index in the recording, in a pass (pass 0
 * is the recording as it is; looping adds passes with shifted ids and times). An index equal to the
 * recording's size means the pass is over.
 */
record StreamPosition(long pass, int index) {

    static final StreamPosition START = new StreamPosition(0, 0);
}
