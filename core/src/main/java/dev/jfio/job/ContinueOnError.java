package dev.jfio.job;

import dev.jfio.spi.IoOp;
import java.util.Locale;

/** fio's {@code continue_on_error}: which failed I/Os a job survives. */
public enum ContinueOnError {
    NONE, READ, WRITE, IO, VERIFY, ALL;

    /** Whether a failed I/O of direction {@code d} lets the job go on. */
    public boolean continuesOn(IoOp d) {
        switch (this) {
            case ALL:
            case IO:
                return true;
            case READ:
                return d == IoOp.READ;
            case WRITE:
                return d == IoOp.WRITE;
            default:
                return false;
        }
    }

    /** Parses fio's values: none, read, write, io, verify, all, and 0/false (none), 1/true (all). */
    public static ContinueOnError parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "0": case "false": return NONE;
            case "1": case "true": case "": return ALL;
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
