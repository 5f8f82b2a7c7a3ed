package dev.jfio.job;

import java.lang.management.ManagementFactory;

/**
 * The machine facts fio's job files can use as {@code $ncpus}, {@code $pagesize} and
 * {@code $mb_memory}.
 */
record SystemValues(int ncpus, long pagesize, long mbMemory) {

    /** This machine's values. */
    static SystemValues current() {
        long mb = 0;
        try {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean) {
                mb = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / (1024 * 1024);
            }
        } catch (RuntimeException | LinkageError e) {
            mb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        }
        // The JDK has no public page size query; 4096 is the page size of every platform jfio targets.
        return new SystemValues(Runtime.getRuntime().availableProcessors(), 4096, mb);
    }
}
