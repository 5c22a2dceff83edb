package dev.eddy.sse.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpStatus;

/** Counts open subscriptions, in total and per remote address, and refuses those beyond a limit. */
final class ConnectionLimiter {

    /** Why a subscription was refused, as the answer to send. */
    static final class Refusal {
        final int status;
        final String message;

        Refusal(int status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    private final int maxPerAddress;
    private final int maxTotal;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> openByAddress =
            new ConcurrentHashMap<>();

    ConnectionLimiter(int maxPerAddress, int maxTotal) {
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
    }

    /** Takes a slot for the address; returns null if it got one, else why not. */
    Refusal tryAcquire(String address) {
        if (open.incrementAndGet() > maxTotal) {
            open.decrementAndGet();
            return new Refusal(
                    HttpStatus.SERVICE_UNAVAILABLE_503,
                    "the endpoint is at its connection limit ("
                            + maxTotal
                            + " subscriptions); try another replica or later");
        }
        boolean[] acquired = new boolean[1];
        openByAddress.compute(
                address,
                (key, open) -> {
                    AtomicInteger count = open == null ? new AtomicInteger() : open;
                    if (count.get() < maxPerAddress) {
                        count.incrementAndGet();
                        acquired[0] = true;
                    }
                    return count.get() == 0 ? null : count;
                });
        if (acquired[0]) {
            return null;
        }
        open.decrementAndGet();
        return new Refusal(
                HttpStatus.TOO_MANY_REQUESTS_429,
                "too many subscriptions from " + address + " (limit " + maxPerAddress + ")");
    }

    void release(String address) {
        open.decrementAndGet();
        openByAddress.computeIfPresent(
                address, (key, open) -> open.decrementAndGet() <= 0 ? null : open);
    }
}
