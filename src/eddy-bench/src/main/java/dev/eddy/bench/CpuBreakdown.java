package dev.eddy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM between two moments, split by what its threads do: the job's tasks by their
 * Flink names, the SSE source's fetcher, the Kafka producer, the replay server, the embedded
 * broker, and the JVM's own threads (JIT compilers, garbage collector), which are not Java threads
 * and get the rest of the process's CPU time.
 */
final class CpuBreakdown {

    /** One part and its CPU time. */
    record Part(String name, long cpuNanos) {}

    /** The parts, in this order; a thread belongs to the first whose name prefix it has. */
    private static final List<Map.Entry<String, String>> PARTS =
            List.of(
                    Map.entry("Source Data Fetcher", "source: SSE client reading and parsing"),
                    Map.entry("Source: ", "source task: decode, de-duplicate, combine panes"),
                    Map.entry("edits-per-wiki", "edits-per-wiki windows"),
                    Map.entry("top-pages", "top-pages windows"),
                    Map.entry("activity", "activity windows"),
                    Map.entry("Kafka: ", "Kafka sink task"),
                    Map.entry("kafka-producer-network-thread", "Kafka producer"),
                    Map.entry("replay-server", "replay server"),
                    Map.entry("bench-", "benchmark's Kafka consumers"));

    private static final String BROKER = "Kafka broker (embedded)";
    private static final String OTHER_JAVA = "other Java threads (Flink runtime, checkpoints)";
    private static final String JVM = "JVM: JIT compilers and garbage collector";

    /** CPU time per live thread, and of the whole process. */
    record Snapshot(Map<Long, String> names, Map<Long, Long> cpuNanos, long processCpuNanos) {}

    private CpuBreakdown() {}

    static Snapshot take() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> cpu = new HashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && nanos >= 0) {
                names.put(ids[i], infos[i].getThreadName());
                cpu.put(ids[i], nanos);
            }
        }
        return new Snapshot(names, cpu, processCpuNanos());
    }

    /**
     * The CPU time each part used between the snapshots (threads that ended in between are counted
     * under the JVM's own share).
     */
    static List<Part> between(Snapshot start, Snapshot end) {
        Map<String, Long> byPart = new LinkedHashMap<>();
        PARTS.forEach(part -> byPart.put(part.getValue(), 0L));
        byPart.put(BROKER, 0L);
        byPart.put(OTHER_JAVA, 0L);
        long javaThreads = 0;
        for (Map.Entry<Long, Long> thread : end.cpuNanos().entrySet()) {
            long used = thread.getValue() - start.cpuNanos().getOrDefault(thread.getKey(), 0L);
            byPart.merge(part(end.names().get(thread.getKey())), used, Long::sum);
            javaThreads += used;
        }
        byPart.put(JVM, end.processCpuNanos() - start.processCpuNanos() - javaThreads);
        List<Part> parts = new ArrayList<>();
        byPart.forEach((name, nanos) -> parts.add(new Part(name, nanos)));
        return parts;
    }

    private static String part(String threadName) {
        for (Map.Entry<String, String> part : PARTS) {
            if (threadName.startsWith(part.getKey())) {
                return part.getValue();
            }
        }
        String lower = threadName.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("kafka")
                || lower.contains("raft")
                || lower.contains("quorum")
                || lower.contains("broker")
                || lower.contains("controller")
                || lower.contains("coordinator")
                || lower.contains("reaper")
                || lower.contains("persister")
                || lower.contains("transaction")
                || lower.contains("txn")
                || lower.startsWith("executor-")) {
            return BROKER;
        }
        return OTHER_JAVA;
    }

    /** CPU time of this JVM, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
