package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.JobResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fio's blocksize_unaligned (bsrange sizes of any byte count) and softrandommap (no map when it cannot be had). */
class BlockSizeAndMapRunTest {
    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        OffsetPatternRunTest.IOS.clear();
    }

    /** A 1 PiB target, too large for a random map of 512-byte units in a Java array. */
    public static final class Huge implements IoEngineProvider {
        @Override
        public String name() {
            return "huge";
        }

        @Override
        public String description() {
            return "a 1 PiB target";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(1L << 50);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @Test
    void bsUnalignedGivesBlockSizesOfAnyByteCountInTheRange() throws IOException {
        new OneEngineRun(dir, OffsetPatternRunTest.Recorder.class)
                .run("--name=t", "--ioengine=recorder", "--filename=t0", "--size=1m", "--bsrange=4k-16k", "--rw=read");
        assertTrue(OffsetPatternRunTest.IOS.stream().allMatch(io -> io[2] % 4096 == 0), "aligned by default");
        clear();
        new OneEngineRun(dir, OffsetPatternRunTest.Recorder.class)
                .run(
                        "--name=t",
                        "--ioengine=recorder",
                        "--filename=t0",
                        "--size=1m",
                        "--bsrange=4k-16k",
                        "--rw=read",
                        "--bs_unaligned");
        List<long[]> ios = OffsetPatternRunTest.IOS;
        long odd = ios.stream().filter(io -> io[2] % 512 != 0).count();
        assertTrue(odd > ios.size() / 2, odd + " of " + ios.size() + " sizes are not sector multiples");
        assertTrue(ios.stream().allMatch(io -> io[2] >= 4096 && io[2] <= 16384));
    }

    @Test
    void softrandommapGoesOnWithoutAMapThatCannotBeAllocated() throws IOException {
        String[] job = {
            "--name=t", "--ioengine=huge", "--filename=h", "--bsrange=512-1k", "--rw=randread", "--number_ios=10"
        };
        JobResult failed =
                new OneEngineRun(dir, Huge.class).run(job).result().jobs().get(0);
        assertEquals(Errno.ENOMEM, failed.error(), failed.errorMessage());
        assertTrue(failed.errorMessage().contains("softrandommap"), failed.errorMessage());
        String[] soft = java.util.Arrays.copyOf(job, job.length + 1);
        soft[job.length] = "--softrandommap";
        JobResult r =
                new OneEngineRun(dir, Huge.class).run(soft).result().jobs().get(0);
        assertEquals(0, r.error(), r.errorMessage());
    }
}
