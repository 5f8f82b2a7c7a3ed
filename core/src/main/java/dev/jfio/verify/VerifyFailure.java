package dev.jfio.verify;

/**
 * A block that failed verification: where it is, what was expected against what came back, and
 * how many of its bytes differ from what was written. Immutable.
 *
 * @param target         the target's name (file name, NBD export)
 * @param offset         the block's offset in the target
 * @param length         the block's length
 * @param mode           the verify mode that found the mismatch
 * @param kind           which check failed
 * @param expected       what was expected, e.g. {@code crc32c 0x8a9136aa} or {@code header offset 4096}
 * @param actual         what came back, e.g. {@code 0x00000000} or {@code 8192}
 * @param position       where in the block the mismatch was found: the failing interval's start,
 *                       or the first differing byte for {@link Kind#PATTERN}
 * @param differingBytes how many bytes of the block differ from the content that should be there
 *                       (regenerated from the expected sequence, or the header's when any was allowed)
 */
public record VerifyFailure(
        String target,
        long offset,
        int length,
        VerifyMode mode,
        Kind kind,
        String expected,
        String actual,
        int position,
        int differingBytes) {

    /** Which check found the mismatch, in the order they are made. */
    public enum Kind {
        /** The header's magic is wrong: no header where one was written (zeroes, other data). */
        BAD_MAGIC("header magic"),
        /** The header's own crc32c does not match: the header is damaged. */
        HEADER_CRC("header crc32c"),
        /** The header names another verify mode. */
        MODE("header mode"),
        /** The header names another interval length. */
        LENGTH("header length"),
        /** The header names another offset: data written for another place (misplaced or misdirected I/O). */
        OFFSET("header offset"),
        /** The header names another job. */
        JOB("header job"),
        /** The header names an older or newer write of this offset: a stale (lost) write. */
        SEQUENCE("header sequence"),
        /** The header's data seed is not this job's for that offset and sequence. */
        SEED("header seed"),
        /** The data's checksum does not match the one in the header. */
        CHECKSUM(null),
        /** A byte differs from {@code verify_pattern}. */
        PATTERN("pattern"),
        /** A trimmed block did not read back as zeroes (trim_verify_zero). */
        TRIMMED("trimmed block");

        private final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    /**
     * One line, ready to print:
     * {@code verify: crc32c mismatch in /tmp/f at offset 1048576, length 4096: expected crc32c 0x8a9136aa,
     * got 0x00000000 (4096 of 4096 bytes differ)}.
     */
    public String message() {
        StringBuilder sb = new StringBuilder(160);
        sb.append("verify: ")
                .append(kind.what == null ? mode.text() : kind.what)
                .append(" mismatch in ")
                .append(target)
                .append(" at offset ")
                .append(offset)
                .append(", length ")
                .append(length)
                .append(": expected ")
                .append(expected)
                .append(", got ")
                .append(actual);
        if (position > 0 || kind == Kind.PATTERN || kind == Kind.TRIMMED) {
            sb.append(" at offset ").append(offset).append('+').append(position);
        }
        sb.append(" (").append(differingBytes).append(" of ").append(length).append(" bytes differ)");
        return sb.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
