package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutOfMemoryTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void heapExhaustionSuggestsABiggerHeapThroughBothVariables() {
        assertEquals(
                "jfio: out of memory (Java heap space) with 100 jobs; give the JVM more with"
                        + " JAVA_TOOL_OPTIONS=-Xmx128m or JFIO_JAVA_OPTS=-Xmx128m",
                OutOfMemory.line(new OutOfMemoryError("Java heap space"), 100, 62 * MIB));
    }

    @Test
    void theSuggestionCoversEveryJobAndRoundsToAPowerOfTwo() {
        assertEquals("1g", OutOfMemory.suggestedSize(16 * MIB, 2000));
        assertEquals("128m", OutOfMemory.suggestedSize(64 * MIB, 1));
        assertEquals("8g", OutOfMemory.suggestedSize(4096 * MIB, 1));
        assertEquals("2048g", OutOfMemory.suggestedSize(Long.MAX_VALUE, 0), "no limit: capped, no overflow");
    }

    @Test
    void directBufferExhaustionSuggestsMoreDirectMemory() {
        String line = OutOfMemory.line(
                new OutOfMemoryError(
                        "Cannot reserve 33562624 bytes of direct buffer memory" + " (allocated: 0, limit: 16777216)"),
                1,
                16 * MIB);
        assertEquals(
                "jfio: out of memory (Cannot reserve 33562624 bytes of direct buffer memory (allocated: 0,"
                        + " limit: 16777216)) with 1 job; give the JVM more with JAVA_TOOL_OPTIONS=-XX:MaxDirectMemorySize=64m"
                        + " or JFIO_JAVA_OPTS=-XX:MaxDirectMemorySize=64m",
                line);
    }

    @Test
    void aRefusedThreadSuggestsFewerJobs() {
        assertEquals(
                "jfio: out of memory (unable to create native thread: possibly out of memory or process/resource"
                        + " limits reached) with 5000 jobs; the system refused another thread: run fewer jobs at once,"
                        + " or raise the limit on processes (ulimit -u)",
                OutOfMemory.line(
                        new OutOfMemoryError("unable to create native thread: possibly out of memory or"
                                + " process/resource limits reached"),
                        5000,
                        64 * MIB));
    }

    @Test
    void beforeTheJobsAreKnownTheLineNamesNoCount() {
        assertEquals(
                "jfio: out of memory (Java heap space); give the JVM more with JAVA_TOOL_OPTIONS=-Xmx64m"
                        + " or JFIO_JAVA_OPTS=-Xmx64m",
                OutOfMemory.line(new OutOfMemoryError(), 0, 16 * MIB));
    }
}
