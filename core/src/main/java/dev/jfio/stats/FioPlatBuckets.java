package dev.jfio.stats;

/**
 * fio's latency histogram grid (stat.h/stat.c, fio 3.33): {@value #GROUPS} groups of
 * {@value #PER_GROUP} bins ({@code FIO_IO_U_PLAT_BITS} = {@value #BITS}), {@value #BINS} bins in
 * all, a value in nanoseconds going to {@code plat_val_to_idx(v)} and a bin standing for
 * {@code plat_idx_to_val(i)}. Values below 128 have a bin each; above, each group doubles the
 * range and every bin of it covers 1/64 of the group (relative error at most 1/128). The last bin
 * takes everything from about 17 s up. jfio's hist logs ({@code write_hist_log}) and json+ use it so
 * that fio's tools read them. Stateless; safe from any thread; allocation-free.
 */
public final class FioPlatBuckets {
    /** {@code FIO_IO_U_PLAT_BITS}. */
    public static final int BITS = 6;
    /** {@code FIO_IO_U_PLAT_VAL}: bins per group. */
    public static final int PER_GROUP = 1 << BITS;
    /** {@code FIO_IO_U_PLAT_GROUP_NR}. */
    public static final int GROUPS = 29;
    /** {@code FIO_IO_U_PLAT_NR}: 1856. */
    public static final int BINS = GROUPS * PER_GROUP;

    private FioPlatBuckets() {}

    /** fio's {@code plat_val_to_idx}: the bin of a latency in nanoseconds (negative counts as 0). */
    public static int index(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        int msb = 63 - Long.numberOfLeadingZeros(nanos);
        if (msb <= BITS) {
            return (int) nanos;
        }
        int errorBits = msb - BITS;
        int base = (errorBits + 1) << BITS;
        int offset = (int) ((PER_GROUP - 1) & (nanos >>> errorBits));
        return Math.min(base + offset, BINS - 1);
    }

    /** fio's {@code plat_idx_to_val}: the value a bin stands for (the middle of its range, rounded down). */
    public static long value(int index) {
        if (index < 0 || index >= BINS) {
            throw new IllegalArgumentException("bin " + index + " is outside 0.." + (BINS - 1));
        }
        if (index < (PER_GROUP << 1)) {
            return index;
        }
        int errorBits = (index >> BITS) - 1;
        long base = 1L << (errorBits + BITS);
        long k = index % PER_GROUP;
        // fio computes base + (k + 0.5) * 2^errorBits in double and truncates
        return base + (long) ((k + 0.5) * (1L << errorBits));
    }

    /** The smallest value that falls into {@code index}. */
    public static long lowerBound(int index) {
        if (index < (PER_GROUP << 1)) {
            return index;
        }
        int errorBits = (index >> BITS) - 1;
        return (1L << (errorBits + BITS)) + ((long) (index % PER_GROUP) << errorBits);
    }
}
