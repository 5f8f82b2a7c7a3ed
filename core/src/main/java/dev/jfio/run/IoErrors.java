package dev.jfio.run;

import dev.jfio.job.ContinueOnError;
import dev.jfio.job.ErrorType;
import dev.jfio.job.JobSpec;
import dev.jfio.job.NonFatalErrors;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.stats.JobStats;
import java.util.Locale;

/**
 * fio's verdict on a failed I/O ({@code break_on_this_error} in backend.c, td_error.c): a job goes
 * on only when {@code continue_on_error} covers the error's {@link ErrorType} and the errno is one
 * of the {@link NonFatalErrors} (EIO, EILSEQ unless ignore_error says otherwise). Errors of a
 * covered type are counted (total_err, first_error) whether or not they stop the job, as fio's
 * {@code update_error_count}. With error_dump, each error the job goes on after is printed as it
 * happens (fio's io_u_log_error). Job thread only.
 */
final class IoErrors {
    /** fio's td_verror text for a transfer that moved nothing ("func=full resid"). */
    static final String NOTHING_MOVED = "full resid: the I/O transferred 0 bytes";

    private final ContinueOnError continueOnError;
    private final NonFatalErrors nonFatal;
    private final JobStats stats;
    /** error_dump: where each error the job goes on after is printed; null when it is not set. */
    private final JobView errorDump;
    /** fill_device: what ends the job when the target is full, or null. */
    private Runnable whenFull;

    IoErrors(JobSpec spec, JobStats stats, JobView notices) {
        this(spec.continueOnError(), nonFatalErrors(spec), stats, spec.errorDump() ? notices : null);
    }

    /** As the other constructor; with fill_device, ENOSPC or EDQUOT calls {@code end} and is no error (fio). */
    IoErrors(JobSpec spec, JobStats stats, JobView notices, Runnable end) {
        this(spec, stats, notices);
        this.whenFull = spec.region().files().lifecycle().fillDevice() ? end : null;
    }

    IoErrors(ContinueOnError continueOnError, NonFatalErrors nonFatal, JobStats stats) {
        this(continueOnError, nonFatal, stats, null);
    }

    /** @param errorDump error_dump's output, or null when error_dump is not set */
    IoErrors(ContinueOnError continueOnError, NonFatalErrors nonFatal, JobStats stats, JobView errorDump) {
        this.continueOnError = continueOnError;
        this.nonFatal = nonFatal;
        this.stats = stats;
        this.errorDump = errorDump;
    }

    /** The errors a job may go on after: ignore_error's, else fio's default. */
    static NonFatalErrors nonFatalErrors(JobSpec spec) {
        return spec.nonFatalErrors();
    }

    /** Whether continue_on_error lets a job go on after {@code errno} of {@code type}. */
    static boolean goesOnAfter(JobSpec spec, ErrorType type, int errno) {
        return spec.continueOnError().covers(type) && nonFatalErrors(spec).nonFatal(type, errno);
    }

    /**
     * Counts a failed I/O as fio does and returns the job's failure, or null when the job goes on.
     * Allocation-free unless the job fails.
     *
     * @param op the I/O's data direction, or null for a FLUSH (a write error, as in fio)
     */
    JobFailedException failure(IoUnit unit, IoOp op) {
        int errno = unit.error();
        if (whenFull != null && (errno == Errno.ENOSPC || errno == Errno.EDQUOT)) {
            whenFull.run();
            return null;
        }
        ErrorType type = ErrorType.of(op, errno);
        if (!continueOnError.covers(type)) {
            return new JobFailedException(errno, describe(unit));
        }
        stats.recordError(op == null ? IoOp.WRITE : op, errno);
        if (!nonFatal.nonFatal(type, errno)) {
            return new JobFailedException(errno, describe(unit));
        }
        if (errorDump != null) {
            // as fio's io_u_log_error: a fatal error is the job's error line; error_dump prints the others too
            errorDump.notice("io_u error: " + describe(unit));
        }
        return null;
    }

    /**
     * fio fails a transfer that completed without error but moved no bytes of a non-empty range
     * with EIO (backend.c: "zero read, fail", e.g. any read of /dev/null); this marks the unit so.
     */
    static void failIfNothingMoved(IoUnit unit) {
        if (unit.error() == 0 && unit.result() == 0 && unit.length() > 0 && unit.op() != IoOp.FLUSH) {
            unit.fail(Errno.EIO, NOTHING_MOVED);
        }
    }

    /** "read of 4096 bytes at offset 8192 on disk0 failed: EIO (NBD_EIO: message)". */
    static String describe(IoUnit unit) {
        String what = unit.op() == IoOp.FLUSH
                ? "flush of " + unit.target()
                : unit.op().name().toLowerCase(Locale.ROOT) + " of " + unit.length() + " bytes at offset "
                        + unit.offset() + " on " + unit.target();
        return what + " failed: " + detail(unit.error(), unit.errorMessage());
    }

    /** The errno's name with the engine's message, or with the errno's own text when there is none. */
    static String detail(int errno, String message) {
        return Errno.name(errno) + " (" + (message == null || message.isBlank() ? Errno.describe(errno) : message)
                + ")";
    }

    /**
     * "read of 4096 bytes at offset 0 on disk0 failed: ETIMEDOUT (no completion 5s after runtime
     * ended: drain_timeout=5s; 3 I/Os in flight abandoned)", for the oldest of the abandoned I/Os.
     */
    static String timedOut(IoUnit oldest, int abandoned, long drainNanos, String cause) {
        String what = oldest.op() == IoOp.FLUSH
                ? "flush of " + oldest.target()
                : oldest.op().name().toLowerCase(Locale.ROOT) + " of " + oldest.length() + " bytes at offset "
                        + oldest.offset() + " on " + oldest.target();
        String drain = seconds(drainNanos);
        return what + " failed: " + Errno.name(Errno.ETIMEDOUT) + " (no completion " + drain + " after " + cause
                + ": drain_timeout=" + drain + "; " + abandoned + (abandoned == 1 ? " I/O" : " I/Os")
                + " in flight abandoned)";
    }

    /**
     * Counts every unit still out (abandoned at the wait limit) as a failed I/O with ETIMEDOUT and
     * returns the job's failure naming the oldest of them, or null when none is out.
     */
    static JobFailedException abandoned(UnitPool pool, JobStats stats, long drainNanos, String cause) {
        java.util.List<IoUnit> out = pool.out();
        IoUnit first = null;
        for (IoUnit unit : out) {
            IoOp op = pool.accountedOp[unit.index()];
            stats.recordError(op == null ? IoOp.WRITE : op, Errno.ETIMEDOUT);
            if (first == null || pool.startNs[unit.index()] - pool.startNs[first.index()] < 0) {
                first = unit;
            }
        }
        return first == null
                ? null
                : new JobFailedException(Errno.ETIMEDOUT, timedOut(first, out.size(), drainNanos, cause));
    }

    /** A duration as the options write it: "5s", "1.5s", "250ms". */
    static String seconds(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0 && nanos < 1_000_000_000L) {
            return nanos / 1_000_000L + "ms";
        }
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
