package dev.eddy.sse.table;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** A metric reporter for tests that keeps every counter, by name, in this JVM. */
public final class CountersReporter implements MetricReporter, MetricReporterFactory {

    private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

    /** A configuration that installs this reporter. */
    static Configuration install(Configuration configuration) {
        configuration.setString(
                "metrics.reporter.counters.factory.class", CountersReporter.class.getName());
        return configuration;
    }

    /** The sum of every counter with this name. */
    static long sum(String name) {
        return COUNTERS.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("." + name))
                .mapToLong(entry -> entry.getValue().getCount())
                .sum();
    }

    static void clear() {
        COUNTERS.clear();
    }

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return this;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter) {
            COUNTERS.put(group.getMetricIdentifier(name), (Counter) metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}
}
