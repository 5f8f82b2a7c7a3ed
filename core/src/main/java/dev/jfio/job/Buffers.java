package dev.jfio.job;

/**
 * What a job's write buffers hold. Immutable.
 *
 * @param zero    {@code zero_buffers}
 * @param refill  {@code refill_buffers}: new contents for every write
 */
public record Buffers(boolean zero, boolean refill, byte[] pattern) {
    public Buffers {
        pattern = pattern == null ? null : pattern.clone();
    }

    static Buffers parse(OptionValues o) {
        return new Buffers(
                o.get(DataKeys.ZERO_BUFFERS), o.get(DataKeys.REFILL_BUFFERS), o.get(DataKeys.BUFFER_PATTERN));
    }

    /** The bytes of {@code buffer_pattern} (a copy), or null when unset. */
    @Override
    public byte[] pattern() {
        return pattern == null ? null : pattern.clone();
    }
}
