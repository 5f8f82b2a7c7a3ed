package dev.jfio.run;

import dev.jfio.spi.IoUnit;

/**
 * serialize_overlap across the jobs of a run that offload their submission (fio's rate-submit.c
 * check_overlap): an I/O is held back while any I/O of those jobs overlapping its range is in
 * flight. As fio, only offsets are compared, whatever the files. Thread-safe (one lock); holding
 * and releasing allocate nothing once the table has grown to the run's depth.
 */
final class OverlapRegistry {
    private IoUnit[] holders = new IoUnit[64];
    private long[] lo = new long[64];
    private long[] hi = new long[64];
    private int count;

    /** Records {@code unit} as in flight unless an I/O in flight overlaps it; true when recorded. */
    synchronized boolean tryHold(IoUnit unit) {
        long a = unit.offset();
        long b = a + unit.length();
        for (int i = 0; i < count; i++) {
            if (a < hi[i] && lo[i] < b) {
                return false;
            }
        }
        if (count == holders.length) {
            holders = java.util.Arrays.copyOf(holders, count * 2);
            lo = java.util.Arrays.copyOf(lo, count * 2);
            hi = java.util.Arrays.copyOf(hi, count * 2);
        }
        holders[count] = unit;
        lo[count] = a;
        hi[count] = b;
        count++;
        return true;
    }

    /** {@code unit} completed (or was never recorded). */
    synchronized void release(IoUnit unit) {
        for (int i = 0; i < count; i++) {
            if (holders[i] == unit) {
                count--;
                holders[i] = holders[count];
                lo[i] = lo[count];
                hi[i] = hi[count];
                holders[count] = null;
                return;
            }
        }
    }
}
