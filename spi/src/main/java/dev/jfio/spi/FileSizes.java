package dev.jfio.spi;

import java.util.Arrays;

/**
 * The size the runner gave each of a job clone's files from {@code filesize}. When the job sets
 * it, the runner owns the file layout: it sizes each file and lays out what a reading job still
 * lacks after the engine's setup, so the engine only opens, creates and allocates. Immutable.
 */
public final class FileSizes {
    /** The job sets no {@code filesize}: the engine sizes files from the job's offset and size. */
    public static final FileSizes NONE = new FileSizes(null);

    private final long[] sizes;

    private FileSizes(long[] sizes) {
        this.sizes = sizes;
    }

    /** The sizes of the files, in target order. */
    public static FileSizes of(long... sizes) {
        return new FileSizes(sizes.clone());
    }

    /** Whether the job sets {@code filesize}, so the runner sizes the files. */
    public boolean runnerSizes() {
        return sizes != null;
    }

    /** How many files have a size: 0 when {@link #runnerSizes()} is false. */
    public int count() {
        return sizes == null ? 0 : sizes.length;
    }

    /** The size of file {@code index} (target order) in bytes. */
    public long size(int index) {
        return sizes[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileSizes && Arrays.equals(sizes, ((FileSizes) o).sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return sizes == null ? "FileSizes[none]" : "FileSizes" + Arrays.toString(sizes);
    }
}
