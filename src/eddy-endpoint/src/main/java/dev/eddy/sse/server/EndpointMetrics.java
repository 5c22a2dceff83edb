package dev.eddy.sse.server;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/** Endpoint-wide counters and their Prometheus text exposition, per stream where it matters. */
final class EndpointMetrics {

    final LongAdder recordsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder slowSubscriberDisconnects = new LongAdder();
    final LongAdder rejectedConnections = new LongAdder();
    final LongAdder unauthorizedRequests = new LongAdder();
    final LongAdder badRequests = new LongAdder();

    String toPrometheusText(Collection<EventStream> streams) {
        StringBuilder out = new StringBuilder(2048);
        header(out, "eddy_endpoint_subscribers", "gauge", "Connected SSE subscribers per stream.");
        for (EventStream stream : streams) {
            sample(out, "eddy_endpoint_subscribers", stream.name(), stream.subscriberCount());
        }
        header(
                out,
                "eddy_endpoint_records_in_total",
                "counter",
                "Records published and accepted per stream.");
        for (EventStream stream : streams) {
            sample(out, "eddy_endpoint_records_in_total", stream.name(), stream.recordsIn());
        }
        header(
                out,
                "eddy_endpoint_duplicates_total",
                "counter",
                "Published records not delivered because their window revision was already published.");
        for (EventStream stream : streams) {
            sample(out, "eddy_endpoint_duplicates_total", stream.name(), stream.duplicates());
        }
        header(
                out,
                "eddy_endpoint_history_evictions_total",
                "counter",
                "Records dropped from the bounded resume history per stream.");
        for (EventStream stream : streams) {
            sample(out, "eddy_endpoint_history_evictions_total", stream.name(), stream.evictions());
        }
        header(out, "eddy_endpoint_last_event_id", "gauge", "Id of the last record per stream.");
        for (EventStream stream : streams) {
            sample(out, "eddy_endpoint_last_event_id", stream.name(), stream.lastId());
        }
        counter(
                out,
                "eddy_endpoint_records_out_total",
                "Records written to subscribers.",
                recordsOut);
        counter(out, "eddy_endpoint_bytes_out_total", "Bytes written to subscribers.", bytesOut);
        counter(
                out,
                "eddy_endpoint_slow_subscriber_drops_total",
                "Subscribers disconnected because their queue overflowed.",
                slowSubscriberDisconnects);
        counter(
                out,
                "eddy_endpoint_rejected_connections_total",
                "Subscriptions refused by the per-address connection limit.",
                rejectedConnections);
        counter(
                out,
                "eddy_endpoint_unauthorized_requests_total",
                "Requests refused for a missing or wrong token.",
                unauthorizedRequests);
        counter(
                out,
                "eddy_endpoint_bad_requests_total",
                "Requests refused as malformed or too large.",
                badRequests);
        header(
                out,
                "eddy_endpoint_jvm_heap_used_bytes",
                "gauge",
                "Heap used by the endpoint's JVM.");
        out.append("eddy_endpoint_jvm_heap_used_bytes ")
                .append(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed())
                .append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String stream, long value) {
        out.append(name)
                .append("{stream=\"")
                .append(stream)
                .append("\"} ")
                .append(value)
                .append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, LongAdder value) {
        header(out, name, "counter", help);
        out.append(name).append(' ').append(value.sum()).append('\n');
    }
}
