package dev.eddy.sse.source.reader;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;

/** Logs the first problem of each kind at WARN and later ones of that kind at DEBUG. */
@Internal
public final class OncePerKindLogger {

    private final Logger log;
    private final Set<String> seenKinds = ConcurrentHashMap.newKeySet();

    public OncePerKindLogger(Logger log) {
        this.log = log;
    }

    public void warn(String kind, String message, Object... args) {
        if (seenKinds.add(kind)) {
            log.warn(
                    message
                            + " (further '"
                            + kind
                            + "' problems are counted in metrics and logged at DEBUG)",
                    args);
        } else if (log.isDebugEnabled()) {
            log.debug(message, args);
        }
    }
}
