package dev.eddy.faults.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link FaultCluster} for every test class of the fault suite in this JVM: started by the
 * first class that needs it, stopped when the test run ends. Its directory stays under the build's
 * temporary directory ({@code target/tmp}) with every process's log, for a look after a failure.
 *
 * <pre>{@code
 * @RegisterExtension static final SharedFaultCluster CLUSTER = new SharedFaultCluster();
 * ... CLUSTER.get() ...
 * }</pre>
 */
public final class SharedFaultCluster implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedFaultCluster.class);

    private FaultCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                FaultCluster.class, key -> start(), FaultCluster.class);
    }

    /** The running cluster (after the extension's {@code beforeAll}). */
    public FaultCluster get() {
        return cluster;
    }

    private static FaultCluster start() {
        try {
            Path directory = Files.createTempDirectory("fault-cluster-");
            return FaultCluster.start(directory);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the fault suite's cluster", e);
        }
    }
}
