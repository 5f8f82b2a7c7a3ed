package dev.jfio.engine.file.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts the read-family and write-family system calls of the calling thread (syscr and syscw of
 * /proc/thread-self/io: read, pread64, readv, preadv, preadv2 and their write twins), less the
 * calls that reading the counters itself makes. lseek and the like are not counted.
 */
final class ThreadSyscalls {
    private static final Path IO = Path.of("/proc/thread-self/io");

    private final long baseReads;
    private long reads;
    private long writes;

    private ThreadSyscalls(long baseReads) {
        this.baseReads = baseReads;
    }

    /** Starts counting; reading the counters is measured first, so it can be left out. */
    static ThreadSyscalls start() throws IOException {
        long[] a = sample();
        long[] b = sample();
        ThreadSyscalls counter = new ThreadSyscalls(b[0] - a[0]);
        long[] c = sample();
        counter.reads = c[0];
        counter.writes = c[1];
        return counter;
    }

    /** Read-family calls since {@link #start} (or the previous call), not counting the sampling. */
    long reads() throws IOException {
        long[] now = sample();
        long n = now[0] - reads - baseReads;
        reads = now[0];
        writes = now[1];
        return n;
    }

    /** Write-family calls since {@link #start} (or the previous call of either method). */
    long writes() throws IOException {
        long[] now = sample();
        long n = now[1] - writes;
        reads = now[0];
        writes = now[1];
        return n;
    }

    private static long[] sample() throws IOException {
        long r = -1;
        long w = -1;
        for (String line : new String(Files.readAllBytes(IO), StandardCharsets.US_ASCII).split("\n")) {
            if (line.startsWith("syscr:")) {
                r = Long.parseLong(line.substring(6).trim());
            } else if (line.startsWith("syscw:")) {
                w = Long.parseLong(line.substring(6).trim());
            }
        }
        return new long[] {r, w};
    }
}
