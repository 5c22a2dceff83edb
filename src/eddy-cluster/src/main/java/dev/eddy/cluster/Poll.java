package dev.eddy.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waits for a condition by checking it every so often, within a deadline. */
final class Poll {

    /** A check that may fail while the thing it checks is not ready yet. */
    @FunctionalInterface
    interface Check {
        boolean passes() throws Exception;
    }

    private static final long EVERY_MILLIS = 200;

    private Poll() {}

    /**
     * Returns once {@code check} passes; throws, naming {@code what} and the {@code diagnostics},
     * when it has not within {@code timeout} or when {@code giveUp} passes first (e.g. the process
     * that should become ready has ended).
     */
    static void until(
            String what, Duration timeout, Check check, Check giveUp, Supplier<String> diagnostics)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                if (check.passes()) {
                    return;
                }
            } catch (Exception e) {
                lastFailure = e;
            }
            boolean gaveUp;
            try {
                gaveUp = giveUp.passes();
            } catch (Exception e) {
                gaveUp = true;
            }
            if (gaveUp || System.nanoTime() > deadline) {
                IllegalStateException failure =
                        new IllegalStateException(
                                (gaveUp
                                                ? "Gave up waiting for "
                                                : "Timed out after " + timeout + " waiting for ")
                                        + what
                                        + "\n"
                                        + diagnostics.get());
                if (lastFailure != null) {
                    failure.addSuppressed(lastFailure);
                }
                throw failure;
            }
            TimeUnit.MILLISECONDS.sleep(EVERY_MILLIS);
        }
    }
}
