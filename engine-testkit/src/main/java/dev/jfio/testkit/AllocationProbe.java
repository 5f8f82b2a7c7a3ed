package dev.jfio.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the current thread allocates while a piece of work runs, through
 * {@code com.sun.management.ThreadMXBean}; answers -1 on JVMs that cannot tell.
 *
 * <p>Thread contract: measures the calling thread only.
 */
final class AllocationProbe {
    /** Work to measure. */
    interface Work {
        void run() throws IOException;
    }

    private AllocationProbe() {}

    /**
     * Runs {@code work} once to warm up, then again while counting; returns the bytes counted less
     * {@code ownBytes} (what the work itself is known to allocate) and the probe's own cost, or -1.
     */
    static long allocatedBytes(Work work, long ownBytes) throws IOException {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean)) {
            return -1;
        }
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        if (!counter.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        counter.setThreadAllocatedMemoryEnabled(true);
        long thread = Thread.currentThread().getId();
        work.run();
        long calibrateStart = counter.getThreadAllocatedBytes(thread);
        long calibrateEnd = counter.getThreadAllocatedBytes(thread);
        long start = counter.getThreadAllocatedBytes(thread);
        work.run();
        long end = counter.getThreadAllocatedBytes(thread);
        long own = ownBytes + (calibrateEnd - calibrateStart);
        return Math.max(0, end - start - own);
    }
}
