package dev.eddy.sse.server;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The endpoint's metrics in a registry of its own (Prometheus Java client), exposed in the
 * Prometheus text format on {@code GET /metrics}. Endpoint-wide counters are fields; per-stream
 * values are read from the streams at each scrape.
 */
final class EndpointMetrics {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    final Counter recordsOut =
            counter("eddy_endpoint_records_out", "Records written to subscribers.");
    final Counter bytesOut = counter("eddy_endpoint_bytes_out", "Bytes written to subscribers.");
    final Counter slowSubscriberDisconnects =
            counter(
                    "eddy_endpoint_slow_subscriber_drops",
                    "Subscribers disconnected because their queue overflowed.");
    final Counter rejectedConnections =
            counter(
                    "eddy_endpoint_rejected_connections",
                    "Subscriptions refused by a connection limit (per address or in total).");
    final Counter unauthorizedRequests =
            counter(
                    "eddy_endpoint_unauthorized_requests",
                    "Requests refused for a missing or wrong token.");
    final Counter badRequests =
            counter("eddy_endpoint_bad_requests", "Requests refused as malformed or too large.");

    /** Registers the per-stream metrics, read from {@code streams} at each scrape. */
    EndpointMetrics(Supplier<StreamCatalog> streams) {
        GaugeWithCallback.builder()
                .name("eddy_endpoint_subscribers")
                .help("Connected SSE subscribers per stream.")
                .labelNames("stream")
                .callback(
                        callback ->
                                eachStream(
                                        streams,
                                        stream ->
                                                callback.call(
                                                        stream.subscriberCount(), stream.name())))
                .register(registry);
        CounterWithCallback.builder()
                .name("eddy_endpoint_records_in")
                .help("Records accepted per stream (published, or read from Kafka).")
                .labelNames("stream")
                .callback(
                        callback ->
                                eachStream(
                                        streams,
                                        stream -> callback.call(stream.recordsIn(), stream.name())))
                .register(registry);
        CounterWithCallback.builder()
                .name("eddy_endpoint_history_evictions")
                .help("Records dropped from the bounded resume history per stream.")
                .labelNames("stream")
                .callback(
                        callback ->
                                eachStream(
                                        streams,
                                        stream -> callback.call(stream.evictions(), stream.name())))
                .register(registry);
        CounterWithCallback.builder()
                .name("eddy_endpoint_duplicates")
                .help(
                        "Published records not delivered because the same update of their window was already published.")
                .labelNames("stream")
                .callback(
                        callback ->
                                eachPushStream(
                                        streams,
                                        stream ->
                                                callback.call(stream.duplicates(), stream.name())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("eddy_endpoint_last_event_id")
                .help("Id of the last record per pushed stream.")
                .labelNames("stream")
                .callback(
                        callback ->
                                eachPushStream(
                                        streams,
                                        stream -> callback.call(stream.lastId(), stream.name())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("eddy_endpoint_jvm_heap_used_bytes")
                .help("Heap used by the endpoint's JVM.")
                .callback(
                        callback ->
                                callback.call(
                                        ManagementFactory.getMemoryMXBean()
                                                .getHeapMemoryUsage()
                                                .getUsed()))
                .register(registry);
    }

    /** Registers more metrics in this endpoint's registry (e.g. those of the Kafka feed). */
    PrometheusRegistry registry() {
        return registry;
    }

    private static void eachStream(Supplier<StreamCatalog> streams, Consumer<ServedStream> action) {
        streams.get().all().forEach(action);
    }

    /** The streams fed by pushes (Kafka-fed ones have no ids or duplicates of their own). */
    private static void eachPushStream(
            Supplier<StreamCatalog> streams, Consumer<PushStream> action) {
        eachStream(
                streams,
                stream -> {
                    if (stream instanceof PushStream push) {
                        action.accept(push);
                    }
                });
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private Counter counter(String name, String help) {
        return Counter.builder().name(name).help(help).register(registry);
    }
}
