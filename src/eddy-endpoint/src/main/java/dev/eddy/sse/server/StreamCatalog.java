package dev.eddy.sse.server;

import java.util.Collection;
import java.util.Set;

/** The streams an endpoint serves, by name: pushed to it, or read from Kafka. */
interface StreamCatalog {

    /** The stream, or null if there is none of that name (yet). */
    ServedStream get(String name);

    Collection<? extends ServedStream> all();

    Set<String> names();
}
