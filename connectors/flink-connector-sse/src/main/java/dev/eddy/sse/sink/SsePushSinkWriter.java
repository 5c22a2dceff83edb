package dev.eddy.sse.sink;

import dev.eddy.sse.client.StreamUrls;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each element to the {@link PushSender} and returns at once. A checkpoint only asks the
 * sender to send what is buffered without lingering: delivery is best effort, so waiting would only
 * delay every checkpoint while the endpoint is slow. At the end of input the sender gets a bounded
 * time to send the rest.
 */
@Internal
final class SsePushSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SsePushSinkWriter.class);

    private final SsePushSinkSettings settings;
    private final SsePushSerializer<T> serializer;
    private final PushSender sender;

    SsePushSinkWriter(
            SsePushSinkSettings settings,
            SsePushSerializer<T> serializer,
            SinkWriterMetricGroup metrics) {
        this.settings = settings;
        this.serializer = serializer;
        PushSender.Counters counters =
                new PushSender.Counters(
                        metrics.counter(
                                SsePushSinkMetrics.RECORDS_SENT, new ThreadSafeSimpleCounter()),
                        metrics.counter(
                                SsePushSinkMetrics.RECORDS_DROPPED, new ThreadSafeSimpleCounter()),
                        metrics.counter(
                                SsePushSinkMetrics.FAILED_REQUESTS, new ThreadSafeSimpleCounter()));
        this.sender = new PushSender(settings, counters, "sse-push-sender");
        metrics.gauge(SsePushSinkMetrics.BUFFERED_RECORDS, (Gauge<Integer>) sender::buffered);
    }

    @Override
    public void write(T element, Context context) {
        sender.offer(serializer.toPushRecord(element));
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (!endOfInput) {
            sender.sendNow();
            return;
        }
        if (!sender.awaitDrained(settings.flushTimeout.toMillis())) {
            LOG.info(
                    "SSE push sink: {} records still waiting for endpoint {} after {}; continuing",
                    sender.buffered(),
                    StreamUrls.redact(settings.endpoint),
                    settings.flushTimeout);
        }
    }

    @Override
    public void close() throws InterruptedException {
        sender.close();
    }
}
