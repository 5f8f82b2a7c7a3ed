package dev.jfio.job;

import java.util.List;

/**
 * The block sizes of one direction: a fixed size ({@code min == max}), a range ({@code bsrange})
 * or weighted sizes ({@code bssplit}, then {@code split} is non-empty and its percentages add up
 * to 100).
 */
public record BlockSizeSpec(int min, int max, List<BsSplitEntry> split) {
    /** fio's default block size. */
    public static final BlockSizeSpec DEFAULT = fixed(4096);

    public BlockSizeSpec {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("invalid block size range " + min + "-" + max);
        }
        split = List.copyOf(split);
    }

    /** One block size. */
    public static BlockSizeSpec fixed(int size) {
        return new BlockSizeSpec(size, size, List.of());
    }

    /** Whether every I/O has the same size. */
    public boolean isFixed() {
        return min == max;
    }
}
