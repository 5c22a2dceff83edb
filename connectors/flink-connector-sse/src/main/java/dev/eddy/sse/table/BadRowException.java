package dev.eddy.sse.table;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * The job read a bad row with {@code 'scan.bad-rows' = 'fail'}. Not recoverable: a restart would
 * read the same row again, so Flink fails the job instead of restarting it in a loop.
 */
@PublicEvolving
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class BadRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRowException(String message) {
        super(message);
    }
}
