package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jfio.job.ContinueOnError;
import dev.jfio.job.NonFatalErrors;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.stats.JobStats;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** error_dump: each I/O error a job goes on after is printed as it happens (fio's io_u_log_error). */
class ErrorDumpTest {
    private final List<String> notices = new ArrayList<>();
    private final JobView view = (JobView) Proxy.newProxyInstance(
            JobView.class.getClassLoader(), new Class<?>[] {JobView.class}, (proxy, method, args) -> {
                if (method.getName().equals("notice")) {
                    notices.add((String) args[0]);
                }
                return null;
            });

    private static IoUnit failed(IoOp op, long offset, int errno) {
        RunnerUnit unit = new RunnerUnit(0, ByteBuffer.allocateDirect(4096));
        unit.set(op, new IoTarget("disk0", 1 << 20), offset, 4096, 0);
        unit.fail(errno, null);
        return unit;
    }

    private static JobStats stats() {
        return new JobStats(new boolean[] {true, true, true}, false, false, 1);
    }

    @Test
    void errorDumpPrintsEachErrorTheJobGoesOnAfter() {
        IoErrors errors = new IoErrors(ContinueOnError.ALL, NonFatalErrors.DEFAULT, stats(), view);
        assertNull(errors.failure(failed(IoOp.READ, 0, Errno.EIO), IoOp.READ));
        assertNull(errors.failure(failed(IoOp.WRITE, 8192, Errno.EIO), IoOp.WRITE));
        assertEquals(
                List.of(
                        "io_u error: read of 4096 bytes at offset 0 on disk0 failed: EIO (Input/output error)",
                        "io_u error: write of 4096 bytes at offset 8192 on disk0 failed: EIO (Input/output error)"),
                notices);
        // the fatal one is the job's error line, not a notice
        assertNotNull(errors.failure(failed(IoOp.WRITE, 0, Errno.ENOSPC), IoOp.WRITE));
        assertEquals(2, notices.size());
    }

    @Test
    void withoutErrorDumpTheErrorsAreOnlyCounted() {
        JobStats stats = stats();
        IoErrors errors = new IoErrors(ContinueOnError.ALL, NonFatalErrors.DEFAULT, stats, null);
        assertNull(errors.failure(failed(IoOp.READ, 0, Errno.EIO), IoOp.READ));
        assertEquals(1, stats.totalErrors());
        assertEquals(List.of(), notices);
    }
}
