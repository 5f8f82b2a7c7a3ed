package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jfio.job.ContinueOnError;
import dev.jfio.job.ErrorType;
import dev.jfio.job.NonFatalErrors;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.stats.JobStats;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The verdict on a failed I/O, as fio 3.33's break_on_this_error and td_non_fatal_error give it. */
class IoErrorsTest {
    private final IoTarget target = new IoTarget("disk0", 1 << 20);

    private static JobStats stats() {
        return new JobStats(new boolean[] {true, true, true}, false, false, 1);
    }

    private IoUnit failed(IoOp op, int errno) {
        RunnerUnit unit = new RunnerUnit(0, ByteBuffer.allocateDirect(4096));
        unit.set(op, target, 8192, op == IoOp.FLUSH ? 0 : 4096, 0);
        unit.fail(errno, null);
        return unit;
    }

    @Test
    void continueOnErrorAllGoesOnAfterEioButStopsAtEnospcAndEmfileCountingEach() {
        JobStats stats = stats();
        IoErrors errors = new IoErrors(ContinueOnError.ALL, NonFatalErrors.DEFAULT, stats);
        assertNull(errors.failure(failed(IoOp.READ, Errno.EIO), IoOp.READ));
        assertNull(errors.failure(failed(IoOp.WRITE, Errno.EIO), IoOp.WRITE));
        JobFailedException enospc = errors.failure(failed(IoOp.WRITE, Errno.ENOSPC), IoOp.WRITE);
        assertNotNull(enospc);
        assertEquals(Errno.ENOSPC, enospc.errno());
        assertEquals(
                "write of 4096 bytes at offset 8192 on disk0 failed: ENOSPC (No space left on device)",
                enospc.getMessage());
        assertEquals(
                Errno.EMFILE,
                errors.failure(failed(IoOp.READ, Errno.EMFILE), IoOp.READ).errno());
        // fio's update_error_count runs for the fatal error too: total_err=1, first_error=28 on a full disk
        assertEquals(4, stats.totalErrors());
        assertEquals(Errno.EIO, stats.firstError());
    }

    @Test
    void anErrorOfATypeContinueOnErrorDoesNotCoverStopsTheJobUncounted() {
        JobStats stats = stats();
        IoErrors errors = new IoErrors(ContinueOnError.WRITE, NonFatalErrors.DEFAULT, stats);
        assertNull(errors.failure(failed(IoOp.WRITE, Errno.EIO), IoOp.WRITE));
        assertEquals(
                Errno.EIO,
                errors.failure(failed(IoOp.READ, Errno.EIO), IoOp.READ).errno());
        assertEquals(1, stats.totalErrors());
    }

    @Test
    void flushAndTrimFailuresAreWriteErrorsAndEilseqIsAVerifyError() {
        IoErrors read = new IoErrors(ContinueOnError.READ, NonFatalErrors.DEFAULT, stats());
        assertNotNull(read.failure(failed(IoOp.FLUSH, Errno.EIO), null));
        assertNotNull(read.failure(failed(IoOp.TRIM, Errno.EIO), IoOp.TRIM));
        assertNotNull(read.failure(failed(IoOp.READ, Errno.EILSEQ), IoOp.READ));
        IoErrors write = new IoErrors(ContinueOnError.WRITE, NonFatalErrors.DEFAULT, stats());
        assertNull(write.failure(failed(IoOp.FLUSH, Errno.EIO), null));
        assertNull(write.failure(failed(IoOp.TRIM, Errno.EIO), IoOp.TRIM));
        IoErrors verify = new IoErrors(ContinueOnError.VERIFY, NonFatalErrors.DEFAULT, stats());
        assertNull(verify.failure(failed(IoOp.READ, Errno.EILSEQ), IoOp.READ));
        assertNotNull(verify.failure(failed(IoOp.READ, Errno.EIO), IoOp.READ));
        assertEquals(ErrorType.VERIFY, ErrorType.of(IoOp.WRITE, Errno.EILSEQ));
    }

    @Test
    void ignoreErrorListsReplaceTheDefaultOfTheirTypeOnly() {
        NonFatalErrors lists = NonFatalErrors.of(null, new int[] {Errno.ENOSPC}, null);
        IoErrors errors = new IoErrors(ContinueOnError.ALL, lists, stats());
        assertNull(errors.failure(failed(IoOp.WRITE, Errno.ENOSPC), IoOp.WRITE));
        assertNotNull(errors.failure(failed(IoOp.WRITE, Errno.EIO), IoOp.WRITE));
        assertNull(errors.failure(failed(IoOp.READ, Errno.EIO), IoOp.READ));
    }

    @Test
    void aTransferOfZeroBytesIsAnEioAndAFlushIsNot() {
        RunnerUnit read = new RunnerUnit(0, ByteBuffer.allocateDirect(4096));
        read.set(IoOp.READ, target, 0, 4096, 0);
        read.complete(0);
        IoErrors.failIfNothingMoved(read);
        assertEquals(Errno.EIO, read.error());
        RunnerUnit shortRead = new RunnerUnit(1, ByteBuffer.allocateDirect(4096));
        shortRead.set(IoOp.READ, target, 0, 4096, 0);
        shortRead.complete(512);
        IoErrors.failIfNothingMoved(shortRead);
        assertEquals(0, shortRead.error());
        RunnerUnit flush = new RunnerUnit(2, ByteBuffer.allocateDirect(4096));
        flush.set(IoOp.FLUSH, target, 0, 0, 0);
        flush.complete(0);
        IoErrors.failIfNothingMoved(flush);
        assertEquals(0, flush.error());
    }
}
