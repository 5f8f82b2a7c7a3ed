package dev.jfio.job;

import java.util.Locale;

/**
 * Where a job's I/O buffers live: fio's {@code mem}/{@code iomem} (with a file after {@code :} for
 * the mmap kinds), {@code iomem_align}, {@code hugepage-size} and {@code lockmem}. Immutable.
 *
 * @param kind         the allocation
 * @param path         {@code mem=mmap:/path}: the file the mapping is backed by, or null
 * @param align        {@code iomem_align}: the first buffer starts this many bytes past a page boundary
 * @param hugePageSize {@code hugepage-size}: huge allocations are rounded up to it
 * @param lockBytes    {@code lockmem}: bytes the job pins with mlock while it runs; 0 for none
 */
public record Memory(Kind kind, String path, long align, long hugePageSize, long lockBytes) {
    /** fio's memory kinds, less cudamalloc. */
    public enum Kind {
        MALLOC,
        SHM,
        SHMHUGE,
        MMAP,
        MMAPHUGE,
        MMAPSHARED;

        /** Whether the kind is backed by huge pages. */
        public boolean huge() {
            return this == SHMHUGE || this == MMAPHUGE;
        }
    }

    /** fio's default: malloc, no alignment offset, 2 MiB huge pages (x86-64), nothing locked. */
    public static final Memory DEFAULT = new Memory(Kind.MALLOC, null, 0, 2 << 20, 0);

    static Memory parse(OptionValues o) {
        String text = o.get(BufferKeys.MEM);
        int colon = text.indexOf(':');
        Kind kind = kind(colon < 0 ? text : text.substring(0, colon));
        String path = colon < 0 || colon == text.length() - 1 ? null : text.substring(colon + 1);
        long hugePage = o.get(BufferKeys.HUGEPAGE_SIZE);
        if (kind.huge() && (hugePage <= 0 || (hugePage & (hugePage - 1)) != 0)) {
            throw Setting.error(
                    o.setting(BufferKeys.HUGEPAGE_SIZE), "hugepage-size must be a power of 2, got " + hugePage);
        }
        return new Memory(kind, path, o.get(BufferKeys.IOMEM_ALIGN), hugePage, o.get(BufferKeys.LOCKMEM));
    }

    /** Checks {@code mem}'s value: a kind, and a file only after the mmap kinds. */
    static String check(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        Kind kind = kind(colon < 0 ? t : t.substring(0, colon));
        if (colon >= 0 && kind != Kind.MMAP && kind != Kind.MMAPHUGE && kind != Kind.MMAPSHARED) {
            throw new IllegalArgumentException(
                    "mem=" + t + ": only mmap, mmaphuge and mmapshared take a file after ':'");
        }
        return t;
    }

    private static Kind kind(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "malloc":
                return Kind.MALLOC;
            case "shm":
                return Kind.SHM;
            case "shmhuge":
                return Kind.SHMHUGE;
            case "mmap":
                return Kind.MMAP;
            case "mmaphuge":
                return Kind.MMAPHUGE;
            case "mmapshared":
                return Kind.MMAPSHARED;
            case "cudamalloc":
                throw new IllegalArgumentException("mem=cudamalloc: GPU memory for GPUDirect RDMA (fio's rdma engine"
                        + " built with CUDA) is not available to jfio, which has neither CUDA nor an rdma engine");
            default:
                throw new IllegalArgumentException("invalid mem '" + name.trim()
                        + "' (accepted: malloc, shm, shmhuge, mmap[:file], mmaphuge[:file], mmapshared[:file])");
        }
    }
}
