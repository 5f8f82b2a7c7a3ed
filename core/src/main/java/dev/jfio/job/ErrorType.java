package dev.jfio.job;

import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;

/**
 * fio's error types ({@code td_error_type}): what a failed I/O counts as for
 * {@code continue_on_error} and {@code ignore_error}. EILSEQ (a verify mismatch) is a verify
 * error whatever the direction; a failed read is a read error; everything else (write, trim,
 * flush) is a write error.
 */
public enum ErrorType {
    READ,
    WRITE,
    VERIFY;

    /** The type of a failed I/O of direction {@code op} (null for a FLUSH) with {@code errno}. */
    public static ErrorType of(IoOp op, int errno) {
        if (errno == Errno.EILSEQ) {
            return VERIFY;
        }
        return op == IoOp.READ ? READ : WRITE;
    }

    /** This type's bit in fio's continue_on_error mask. */
    int bit() {
        return 1 << ordinal();
    }
}
