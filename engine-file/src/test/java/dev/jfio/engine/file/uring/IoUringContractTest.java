package dev.jfio.engine.file.uring;

import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Engine {@code io_uring} passes the engine contract in each of its ways of doing I/O. */
class IoUringContractTest {

    abstract static class Variant extends EngineContractTest {
        @TempDir
        Path dir;

        @Override
        protected IoEngineProvider provider() {
            return new IoUringEngineProvider();
        }

        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return job.filename(dir.resolve("contract.dat"));
        }

        @Override
        protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
            return job.filename(dir.resolve("missing").resolve("contract.dat"));
        }
    }

    /** O_DIRECT with READ/WRITE (nonvectored where the kernel has them, as fio's default). */
    @Nested
    class Direct extends Variant {
        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return super.configure(job).direct(true).iodepth(16);
        }

        @Override
        protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
            return super.configure(job).direct(true).bs(1000);
        }
    }

    /** Through the page cache, READV/WRITEV with one iovec each. */
    @Nested
    class BufferedVectored extends Variant {
        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return super.configure(job).option(IoUringOptions.NONVECTORED, 0L);
        }
    }

    /** Registered buffers and files: READ_FIXED/WRITE_FIXED on IOSQE_FIXED_FILE, every 3rd request forced async. */
    @Nested
    class FixedBuffersRegisteredFiles extends Variant {
        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return super.configure(job)
                    .direct(true)
                    .option(IoUringOptions.FIXEDBUFS, true)
                    .option(IoUringOptions.REGISTERFILES, true)
                    .option(IoUringOptions.FORCE_ASYNC, 3L);
        }
    }

    /** A kernel thread polls the submission queue. */
    @Nested
    class SqThreadPoll extends Variant {
        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return super.configure(job).option(IoUringOptions.SQTHREAD_POLL, true);
        }
    }
}
