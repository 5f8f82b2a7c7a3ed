package dev.jfio.run;

import dev.jfio.job.ContinueOnError;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;

import java.util.Locale;

/** fio's continue_on_error applied to failed I/Os: which failures a job survives, and how a fatal one reads. */
final class IoErrors {
    private final ContinueOnError continueOnError;

    IoErrors(ContinueOnError continueOnError) {
        this.continueOnError = continueOnError;
    }

    /**
     * The job's failure for a failed I/O, or null when continue_on_error lets it go on.
     *
     * @param op the I/O's data direction, or null for a FLUSH (survived only with continue_on_error=all)
     */
    JobFailedException failure(IoUnit unit, IoOp op) {
        boolean continues = op == null ? continueOnError == ContinueOnError.ALL : continueOnError.continuesOn(op);
        return continues ? null : new JobFailedException(unit.error(), describe(unit));
    }

    /** "read of 4096 bytes at offset 8192 on disk0 failed: EIO (message)". */
    static String describe(IoUnit unit) {
        String what = unit.op() == IoOp.FLUSH ? "flush of " + unit.target()
                : unit.op().name().toLowerCase(Locale.ROOT) + " of " + unit.length()
                + " bytes at offset " + unit.offset() + " on " + unit.target();
        String detail = unit.errorMessage() == null ? Errno.name(unit.error())
                : Errno.name(unit.error()) + " (" + unit.errorMessage() + ")";
        return what + " failed: " + detail;
    }
}
