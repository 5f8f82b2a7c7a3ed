package dev.jfio.job;

import dev.jfio.verify.VerifyMode;

/**
 * What a job's write buffers hold, after fio's own adjustments (fio's init.c and options.c):
 * {@code buffer_compress_percentage=100} means zeroed buffers; a compress percentage below 100
 * turns {@code refill_buffers} on unless the job sets it; {@code dedupe_percentage} always turns it
 * on; a {@code buffer_pattern} is refilled when the job also reads (reads would overwrite it).
 * Immutable.
 *
 * @param zero               {@code zero_buffers}
 * @param refill             {@code refill_buffers}: new contents for every write
 * @param pattern            {@code buffer_pattern}, or null
 * @param scramble           fio's {@code scramble_buffers} as it applies: a reused buffer gets its
 *                           offset and time written into each 512-byte block before every write
 *                           (off when refilled, compressed, deduped, verified, or zero_buffers is set
 *                           and scramble_buffers is not)
 * @param compressPercentage {@code buffer_compress_percentage}, 0 (unset) to 99
 * @param compressChunk      {@code buffer_compress_chunk}: the random/fixed region's size; 0 for the block size
 * @param dedupe             {@code dedupe_percentage} and its companions
 * @param memory             where the buffers live ({@code mem}, {@code iomem_align}, {@code lockmem}, ...)
 */
public record Buffers(
        boolean zero,
        boolean refill,
        byte[] pattern,
        boolean scramble,
        int compressPercentage,
        int compressChunk,
        Dedupe dedupe,
        Memory memory) {
    public Buffers {
        pattern = pattern == null ? null : pattern.clone();
    }

    /**
     * fio's dedupe options.
     *
     * @param percentage           {@code dedupe_percentage}: the share of write buffers that repeat an earlier one
     * @param workingSet           {@code dedupe_mode=working_set} (else {@code repeat})
     * @param workingSetPercentage {@code dedupe_working_set_percentage}: of the job's size, the unique buffers
     *                             the duplicates are drawn from
     * @param global               {@code dedupe_global}: jobs that set it share their working set
     */
    public record Dedupe(int percentage, boolean workingSet, int workingSetPercentage, boolean global) {
        /** No dedupable buffers. */
        public static final Dedupe NONE = new Dedupe(0, false, 5, false);
    }

    static Buffers parse(OptionValues o) {
        boolean zero = o.get(DataKeys.ZERO_BUFFERS);
        boolean refill = o.get(DataKeys.REFILL_BUFFERS);
        byte[] pattern = o.get(DataKeys.BUFFER_PATTERN);
        int compress = o.get(BufferKeys.COMPRESS_PERCENTAGE);
        Dedupe dedupe = dedupe(o);
        boolean compressFlag = compress > 0 || dedupe.percentage() > 0;
        if (compress == 100) {
            zero = true;
            compress = 0;
        } else if (compress > 0 && !o.isSet(DataKeys.REFILL_BUFFERS)) {
            refill = true;
        }
        if (dedupe.percentage() > 0) {
            refill = true;
        }
        if (pattern != null && !compressFlag) {
            refill = o.get(IoTypeKeys.RW).reads();
        }
        boolean scrambleSet = o.isSet(BufferKeys.SCRAMBLE_BUFFERS);
        boolean scramble = o.get(BufferKeys.SCRAMBLE_BUFFERS)
                && (scrambleSet || (pattern == null && !o.isSet(DataKeys.ZERO_BUFFERS)))
                && !compressFlag
                && !refill
                && (o.get(DataKeys.VERIFY) == null || o.get(DataKeys.VERIFY) == VerifyMode.NONE);
        return new Buffers(
                zero, refill, pattern, scramble, compress, o.get(BufferKeys.COMPRESS_CHUNK), dedupe, Memory.parse(o));
    }

    private static Dedupe dedupe(OptionValues o) {
        int percentage = o.get(BufferKeys.DEDUPE_PERCENTAGE);
        boolean workingSet = o.get(BufferKeys.DEDUPE_WORKING_SET);
        int wsp = o.get(BufferKeys.DEDUPE_WORKING_SET_PERCENTAGE);
        boolean global = o.get(BufferKeys.DEDUPE_GLOBAL);
        if (percentage == 0) {
            return Dedupe.NONE;
        }
        if (workingSet) {
            Setting mode = o.setting(BufferKeys.DEDUPE_WORKING_SET);
            if (!o.isSet(IoTypeKeys.SIZE)) {
                throw Setting.error(
                        mode, "dedupe_mode=working_set (pregenerated dedupe working set) requires size to be set");
            }
            if (o.get(TargetKeys.NRFILES) != 1) {
                throw Setting.error(
                        mode,
                        "dedupe_mode=working_set is supported with a single file per job, but nrfiles is "
                                + o.get(TargetKeys.NRFILES));
            }
            if (wsp + percentage > 100) {
                throw Setting.error(
                        mode,
                        "impossible to reach dedupe_percentage " + percentage + " since " + wsp
                                + " percent of size is reserved to dedupe_working_set_percentage (unique pages)");
            }
        }
        return new Dedupe(percentage, workingSet, wsp, global);
    }

    /** Whether compress or dedupe shape the contents (fio's TD_F_COMPRESS): fills go chunk by chunk. */
    public boolean shaped() {
        return compressPercentage > 0 || dedupe.percentage() > 0;
    }

    /** The bytes of {@code buffer_pattern} (a copy), or null when unset. */
    @Override
    public byte[] pattern() {
        return pattern == null ? null : pattern.clone();
    }
}
