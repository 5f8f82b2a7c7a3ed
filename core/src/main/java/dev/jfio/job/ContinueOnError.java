package dev.jfio.job;

import java.util.Locale;

/**
 * fio's {@code continue_on_error}: the error types a job may go on after. Which errors of those
 * types are harmless enough to go on after is {@link NonFatalErrors}' say (fio: EIO and EILSEQ
 * unless {@code ignore_error} lists others); ENOSPC, EMFILE and the like stop the job even with
 * {@code all}.
 */
public enum ContinueOnError {
    NONE(0),
    READ(1),
    WRITE(2),
    IO(3),
    VERIFY(4),
    ALL(0xffff);

    /** fio's ERROR_TYPE_* mask. */
    private final int mask;

    ContinueOnError(int mask) {
        this.mask = mask;
    }

    /** Whether errors of this type may be gone on after (fio's {@code continue_on_error & (1 << type)}). */
    public boolean covers(ErrorType type) {
        return (mask & type.bit()) != 0;
    }

    /** Parses fio's values: none, read, write, io, verify, all, and 0/false (none), 1/true (all). */
    public static ContinueOnError parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "0":
            case "false":
                return NONE;
            case "1":
            case "true":
            case "":
                return ALL;
            default:
                for (ContinueOnError c : values()) {
                    if (c.name().toLowerCase(Locale.ROOT).equals(t)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException("invalid continue_on_error value '" + text.trim()
                        + "' (accepted: none, read, write, io, verify, all, 0, 1)");
        }
    }
}
