package dev.jfio.engine.file.ops;

import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testkit.EngineBehaviour;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The engine contract, for each of fio's file-operation engines. */
class OpsEngineContractTest {
    /** The engines' common ground: targets in a temporary directory, a fresh name per job. */
    abstract static class OnFiles extends EngineContractTest {
        private final AtomicInteger jobs = new AtomicInteger();

        @TempDir
        Path dir;

        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            // a fresh target per job: filedelete and dirdelete remove theirs, dircreate cannot make one twice
            return job.filename(dir.resolve("target" + jobs.incrementAndGet()));
        }

        @Override
        protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
            return job.filename(dir.resolve("missing/target"));
        }

        @Override
        protected boolean hasBehaviour(EngineBehaviour behaviour) {
            return behaviour == EngineBehaviour.STORES_DATA ? false : super.hasBehaviour(behaviour);
        }
    }

    @Nested
    class Falloc extends OnFiles {
        @Override
        protected IoEngineProvider provider() {
            return new FallocProvider();
        }
    }

    @Nested
    class Ftruncate extends OnFiles {
        @Override
        protected IoEngineProvider provider() {
            return new FtruncateProvider();
        }

        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return super.configure(job).rw("randwrite");
        }

        @Override
        protected boolean hasBehaviour(EngineBehaviour behaviour) {
            switch (behaviour) {
                case READS:
                case TRIMS:
                    return false;
                default:
                    return super.hasBehaviour(behaviour);
            }
        }
    }

    @Nested
    class FileCreate extends OnFiles {
        @Override
        protected IoEngineProvider provider() {
            return new FileCreateProvider();
        }
    }

    @Nested
    class FileStat extends OnFiles {
        @Override
        protected IoEngineProvider provider() {
            return new FileStatProvider();
        }
    }

    @Nested
    class FileDelete extends OnFiles {
        @Override
        protected IoEngineProvider provider() {
            return new FileDeleteProvider();
        }
    }

    @Nested
    class DirCreate extends OnFiles {
        @Override
        protected IoEngineProvider provider() {
            return new DirCreateProvider();
        }
    }

    @Nested
    class DirStat extends OnFiles {
        @Override
        protected IoEngineProvider provider() {
            return new DirStatProvider();
        }
    }

    @Nested
    class DirDelete extends OnFiles {
        @Override
        protected IoEngineProvider provider() {
            return new DirDeleteProvider();
        }
    }
}
