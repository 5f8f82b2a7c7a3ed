package dev.jfio.job;

import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.intSize;
import static dev.jfio.job.SettingParsers.percentInt;
import static dev.jfio.job.SettingParsers.plain;
import static dev.jfio.job.SettingParsers.size;

import java.util.List;

/**
 * fio's options about what write buffers hold beyond zero/pattern/refill ({@link DataKeys}): the
 * scrambling of reused buffers, compressible and dedupable contents. Part of {@link CoreOptions};
 * immutable, safe from any thread.
 */
final class BufferKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<Boolean> SCRAMBLE_BUFFERS = KEYS.add(
            "scramble_buffers",
            OptionType.BOOL,
            true,
            "Slightly scramble buffers on every IO submit",
            "I/O buffers",
            bool());
    static final CoreOption<Integer> COMPRESS_PERCENTAGE = KEYS.add(
            "buffer_compress_percentage",
            OptionType.INT,
            0,
            "How compressible the buffer is (approximately)",
            "I/O buffers",
            percentInt());
    static final CoreOption<Integer> COMPRESS_CHUNK = KEYS.add(
            "buffer_compress_chunk",
            OptionType.SIZE,
            512,
            "Size of compressible region in buffer",
            "I/O buffers",
            intSize());
    static final CoreOption<Integer> DEDUPE_PERCENTAGE = KEYS.add(
            "dedupe_percentage",
            OptionType.INT,
            0,
            "Percentage of buffers that are dedupable",
            "I/O buffers",
            percentInt());
    static final CoreOption<Boolean> DEDUPE_GLOBAL = KEYS.add(
            "dedupe_global", OptionType.BOOL, false, "Share deduplication buffers across jobs", "I/O buffers", bool());
    static final CoreOption<Boolean> DEDUPE_WORKING_SET = KEYS.choice(
            "dedupe_mode",
            false,
            "repeat",
            "Mode for the deduplication buffer generation",
            "I/O buffers",
            List.of("repeat", "working_set"),
            plain(BufferKeys::dedupeMode));
    static final CoreOption<Integer> DEDUPE_WORKING_SET_PERCENTAGE = KEYS.add(
            "dedupe_working_set_percentage",
            OptionType.INT,
            5,
            "Dedupe working set size in percentages from file or device size used to generate dedupe patterns from",
            "I/O buffers",
            percentInt());

    // Memory
    static final CoreOption<String> MEM = KEYS.declare(
            "mem",
            List.of("iomem"),
            OptionType.STRING,
            "malloc",
            "malloc",
            "Backing type for IO buffers",
            "I/O buffers",
            List.of("malloc", "shm", "shmhuge", "mmap", "mmaphuge", "mmapshared"),
            plain(Memory::check));
    static final CoreOption<Long> IOMEM_ALIGN = KEYS.add(
            "iomem_align",
            List.of("mem_align"),
            OptionType.SIZE,
            0L,
            "IO memory buffer offset alignment",
            "I/O buffers",
            size());
    static final CoreOption<Long> HUGEPAGE_SIZE = KEYS.add(
            "hugepage-size",
            OptionType.SIZE,
            2L << 20,
            "When using hugepages, specify size of each page",
            "I/O buffers",
            size());
    static final CoreOption<Long> LOCKMEM = KEYS.add(
            "lockmem", OptionType.SIZE, 0L, "Lock down this amount of memory (per worker)", "I/O buffers", size());

    private BufferKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    private static boolean dedupeMode(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "repeat":
                return false;
            case "working_set":
                return true;
            default:
                throw new IllegalArgumentException(
                        "invalid dedupe_mode '" + text.trim() + "' (accepted: repeat, working_set)");
        }
    }
}
