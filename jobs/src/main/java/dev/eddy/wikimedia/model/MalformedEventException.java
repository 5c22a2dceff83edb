package dev.eddy.wikimedia.model;

/** An event that is not a usable recentchange event; the message is the dead letter's reason. */
public class MalformedEventException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedEventException(String reason) {
        super(reason);
    }
}
