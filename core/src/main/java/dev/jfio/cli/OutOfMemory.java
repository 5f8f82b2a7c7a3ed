package dev.jfio.cli;

/**
 * The one line jfio prints when the JVM runs out of memory, naming what ran out and the remedy:
 * more heap (or direct memory) for the JVM, or fewer threads when the system refused one.
 */
final class OutOfMemory {
    private OutOfMemory() {}

    /**
     * @param jobs the job clones of the run, or 0 when it failed before the jobs were known
     * @param maxHeapBytes {@link Runtime#maxMemory()}, from which the remedy's size is worked out
     */
    static String line(OutOfMemoryError e, int jobs, long maxHeapBytes) {
        String what = e.getMessage() == null || e.getMessage().isBlank() ? "Java heap space" : e.getMessage();
        String with = jobs > 0 ? " with " + jobs + (jobs == 1 ? " job" : " jobs") : "";
        if (what.contains("native thread")) {
            return "jfio: out of memory (" + what + ")" + with + "; the system refused another thread:"
                    + " run fewer jobs at once, or raise the limit on processes (ulimit -u)";
        }
        String size = suggestedSize(maxHeapBytes, jobs);
        String option = what.toLowerCase(java.util.Locale.ROOT).contains("direct buffer")
                ? "-XX:MaxDirectMemorySize=" + size
                : "-Xmx" + size;
        return "jfio: out of memory (" + what + ")" + with + "; give the JVM more with JAVA_TOOL_OPTIONS=" + option
                + " or JFIO_JAVA_OPTS=" + option;
    }

    /**
     * A maximum to suggest: twice the current one, and at least 64 MiB plus 256 KiB per job (what a
     * job's statistics take at most, with room), rounded up to a power of two, in JVM size syntax.
     */
    static String suggestedSize(long maxHeapBytes, int jobs) {
        long mib = Math.max(2 * (Math.min(maxHeapBytes, 1L << 40) >> 20), 64 + jobs / 4L);
        long rounded = Long.highestOneBit(mib - 1) << 1;
        return rounded >= 1024 ? (rounded / 1024) + "g" : rounded + "m";
    }
}
