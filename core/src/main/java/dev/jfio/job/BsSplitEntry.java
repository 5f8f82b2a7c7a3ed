package dev.jfio.job;

/**
 * One weight of fio's {@code bssplit}: {@code percent} of the I/Os of a direction use block size
 * {@code size} bytes.
 */
public record BsSplitEntry(int size, int percent) {
    public BsSplitEntry {
        if (size < 1) {
            throw new IllegalArgumentException("bssplit block size must be at least 1 byte, got " + size);
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("bssplit percentage must be 0..100, got " + percent);
        }
    }
}
