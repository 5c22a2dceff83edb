package dev.eddy.sse.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One named stream as subscribers see it: it decides where a new subscriber starts (live, after a
 * Last-Event-ID, at a time, from the snapshot of latest windows) and then keeps its queue fed.
 */
interface ServedStream {

    String name();

    /**
     * Checks what only this kind of stream can judge (the form of its ids, whether it can start at
     * a time) before the response starts.
     *
     * @throws IllegalArgumentException with a message for the subscriber, answered with 400
     */
    void validate(StartRequest start);

    /**
     * Registers a subscriber that passed {@link #validate}: first the preamble, then what its start
     * asks for, then everything live.
     */
    void subscribe(Subscriber subscriber, StartRequest start, List<ByteBuffer> preamble);

    void unsubscribe(Subscriber subscriber);

    /** Subscribers that get heartbeats: those waiting for live records. */
    List<Subscriber> idleCandidates();

    /** Every subscriber, to disconnect when the endpoint stops. */
    List<Subscriber> subscribers();

    int subscriberCount();

    /** False while the stream cannot serve yet (a replica reading back its topic at start). */
    boolean ready();

    long recordsIn();

    long evictions();

    /** Adds the stream's position to its entry in {@code GET /streams}. */
    void describe(ObjectNode entry);
}
