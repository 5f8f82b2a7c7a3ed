package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.ErrorType;
import dev.jfio.job.JobSpecException;
import dev.jfio.job.NonFatalErrors;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.JobResult;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ignore_error's lists decide which errors continue_on_error goes on after, and rate_min fails a job that falls behind, in real runs. */
class IgnoreErrorRunTest {
    /** Fails every 8th write with ENOSPC. */
    public static final class FullDisk implements IoEngineProvider {
        @Override
        public String name() {
            return "fulldisk";
        }

        @Override
        public String description() {
            return "fails every 8th write with ENOSPC";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                private int writes;

                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(1 << 20);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    if (unit.op() == IoOp.WRITE && ++writes % 8 == 0) {
                        unit.fail(Errno.ENOSPC, null);
                    } else {
                        unit.complete(unit.length());
                    }
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @TempDir
    Path dir;

    private JobResult run(String... extra) throws Exception {
        String[] base = {"--name=t", "--ioengine=fulldisk", "--filename=t0", "--size=256k", "--rw=write"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return new OneEngineRun(dir, FullDisk.class).run(args).result().jobs().get(0);
    }

    @Test
    void aListedErrnoIsGoneOnAfterAndCountedWhereTheDefaultWouldStop() throws Exception {
        JobResult stopped = run("--continue_on_error=write");
        assertEquals(Errno.ENOSPC, stopped.error(), "ENOSPC is fatal by default (fio: EIO and EILSEQ only)");
        assertEquals(1, stopped.totalErrors(), "the job stopped at the first failed write");
        JobResult goesOn = run("--continue_on_error=write", "--ignore_error=,ENOSPC:122");
        assertEquals(8, goesOn.totalErrors(), "64 writes, every 8th failed, was counted, and the job went on");
        assertEquals(Errno.ENOSPC, goesOn.firstError());
    }

    @Test
    void listsAreReadWriteVerifyOfNamesOrNumbers() {
        NonFatalErrors e = NonFatalErrors.parse("EAGAIN,ENOSPC:122");
        assertTrue(e.nonFatal(ErrorType.READ, Errno.EAGAIN));
        assertFalse(e.nonFatal(ErrorType.READ, Errno.EIO), "a list replaces its type's default");
        assertTrue(e.nonFatal(ErrorType.WRITE, Errno.ENOSPC));
        assertTrue(e.nonFatal(ErrorType.WRITE, 122));
        assertTrue(e.nonFatal(ErrorType.VERIFY, Errno.EILSEQ), "an absent list keeps the default");
        JobSpecException bad = assertThrows(JobSpecException.class, () -> run("--ignore_error=EBOGUS"));
        assertTrue(bad.getMessage().contains("ignore_error=EBOGUS: unknown error 'EBOGUS'"), bad.getMessage());
    }

    @Test
    void rateMinFailsAJobThatFallsBelowItAfterTheSettlingPeriodAndPassesOneThatKeepsUp() throws Exception {
        OneEngineRun slow = new OneEngineRun(dir, FullDisk.class);
        JobResult failed = slow.run(
                        "--name=t",
                        "--ioengine=fulldisk",
                        "--filename=t0",
                        "--size=256k",
                        "--rw=read",
                        "--thinktime=1000",
                        "--rate_min=10m",
                        "--time_based",
                        "--runtime=8")
                .result()
                .jobs()
                .get(0);
        assertEquals(Errno.EIO, failed.error());
        assertTrue(failed.errorMessage().startsWith("rate_min=10485760B/s not met, got "), failed.errorMessage());
        assertTrue(
                slow.runMillis < 5000,
                "failed after 2 s of settling and one 1 s cycle, not at runtime: " + slow.runMillis + " ms");
        JobResult kept = run("--rw=read", "--rate_iops_min=50", "--rate_cycle=500", "--time_based", "--runtime=3");
        assertEquals(0, kept.error(), kept.errorMessage());
    }
}
