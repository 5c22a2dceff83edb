package dev.eddy.sse.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open subscriptions per remote address and refuses those beyond a limit. */
final class ConnectionLimiter {

    private final int maxPerAddress;
    private final ConcurrentHashMap<String, AtomicInteger> openByAddress =
            new ConcurrentHashMap<>();

    ConnectionLimiter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for the address; false if it already holds the maximum. */
    boolean tryAcquire(String address) {
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
        return acquired[0];
    }

    void release(String address) {
        openByAddress.computeIfPresent(
                address, (key, open) -> open.decrementAndGet() <= 0 ? null : open);
    }
}
