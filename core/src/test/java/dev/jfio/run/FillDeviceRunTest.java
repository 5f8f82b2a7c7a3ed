package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.JobResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fill_device (fill_fs): a write that meets ENOSPC ends the job without an error, as fio. */
class FillDeviceRunTest {
    @TempDir
    Path dir;

    private JobResult run(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(
                List.of("--name=t", "--ioengine=fulldisk", "--filename=t0", "--size=256k", "--rw=write"));
        args.addAll(List.of(extra));
        return new OneEngineRun(dir, IgnoreErrorRunTest.FullDisk.class)
                .run(args.toArray(String[]::new))
                .result()
                .jobs()
                .get(0);
    }

    @Test
    void enospcEndsAFillDeviceJobWithoutAnErrorAfterTheWritesBeforeIt() throws Exception {
        JobResult failed = run();
        assertEquals(Errno.ENOSPC, failed.error(), "without fill_device ENOSPC fails the job");
        JobResult filled = run("--fill_device=1");
        assertEquals(0, filled.error(), "ENOSPC is the end a fill_device job waits for");
        assertEquals(0, filled.totalErrors());
        assertEquals(
                7L * 4096, filled.dirs()[IoOp.WRITE.ordinal()].ioBytes(), "the 8th write met ENOSPC and ended the job");
        JobResult alias = run("--fill_fs=1");
        assertEquals(0, alias.error());
    }
}
