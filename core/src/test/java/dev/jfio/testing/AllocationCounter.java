package dev.jfio.testing;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * The JVM's per-thread allocation counter, for tests that pin down "allocates nothing per I/O".
 * Aborts the calling test (with the reason) on a JVM without the counter.
 */
public final class AllocationCounter {
    private AllocationCounter() {}

    /** The counter, enabled; the test is aborted where the JVM has none. */
    public static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter in this JVM");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(counter.isThreadAllocatedMemorySupported(), "no allocation counter in this JVM");
        counter.setThreadAllocatedMemoryEnabled(true);
        return counter;
    }
}
