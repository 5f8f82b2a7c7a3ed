package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.JobSpecException;
import dev.jfio.spi.EngineFlag;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockfile: the clones of one job sharing a file do their I/O to it one at a time (exclusive), or
 * many readers or one writer (readwrite); with none they overlap.
 */
class LockfileRunTest {
    /**
     * Records which I/Os of different clones (one engine per clone, one thread each) were in the
     * engine at the same time. Until the first overlap, each I/O waits in the engine for another
     * clone's I/O to join it, up to {@link #partnerWaitNanos}, to give overlaps every chance.
     */
    public static final class Overlaps implements IoEngineProvider {
        static final Object MONITOR = new Object();
        static volatile long partnerWaitNanos;
        static int readers;
        static int writers;
        static int maxInside;
        static int maxReadersTogether;
        static boolean writeWithOther;

        static void reset(long waitMillis) {
            synchronized (MONITOR) {
                partnerWaitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
                readers = 0;
                writers = 0;
                maxInside = 0;
                maxReadersTogether = 0;
                writeWithOther = false;
            }
        }

        private static void observe() {
            maxInside = Math.max(maxInside, readers + writers);
            maxReadersTogether = Math.max(maxReadersTogether, readers);
            writeWithOther |= writers > 0 && readers + writers > 1;
        }

        @Override
        public String name() {
            return "overlaps";
        }

        @Override
        public String description() {
            return "records the overlapping I/Os of different clones";
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
                        target.setSize(1 << 20);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    boolean read = unit.op() == IoOp.READ;
                    synchronized (MONITOR) {
                        if (read) {
                            readers++;
                        } else {
                            writers++;
                        }
                        observe();
                        MONITOR.notifyAll();
                        long deadline = System.nanoTime() + partnerWaitNanos;
                        long left;
                        while (maxInside < 2 && (left = deadline - System.nanoTime()) > 0) {
                            try {
                                TimeUnit.NANOSECONDS.timedWait(MONITOR, left);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                break;
                            }
                        }
                        observe();
                        if (read) {
                            readers--;
                        } else {
                            writers--;
                        }
                    }
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @TempDir
    Path dir;

    private List<JobResult> run(String rw, String lockfile, long partnerWaitMillis) throws Exception {
        Overlaps.reset(partnerWaitMillis);
        return new OneEngineRun(dir, Overlaps.class)
                .run(
                        "--name=shared",
                        "--ioengine=overlaps",
                        "--filename=t0",
                        "--size=64k",
                        "--bs=4k",
                        "--rw=" + rw,
                        "--numjobs=2",
                        "--lockfile=" + lockfile)
                .result()
                .jobs();
    }

    @Test
    void withoutLockingTheClonesWritesOverlap() throws Exception {
        run("write", "none", 2000);
        assertTrue(Overlaps.writeWithOther, "lockfile=none: the two clones' writes were in the engine together");
    }

    @Test
    void exclusiveLetsOneCloneAtATimeDoIoToTheFile() throws Exception {
        List<JobResult> jobs = run("randrw", "exclusive", 20);
        assertEquals(1, Overlaps.maxInside, "lockfile=exclusive: never two I/Os of the clones in the engine at once");
        assertEquals(
                16, jobs.get(0).dirs()[0].totalIos() + jobs.get(0).dirs()[1].totalIos());
        assertEquals(
                16, jobs.get(1).dirs()[0].totalIos() + jobs.get(1).dirs()[1].totalIos());
    }

    @Test
    void readwriteLetsReadersTogetherButAWriterAlone() throws Exception {
        run("read", "readwrite", 2000);
        assertEquals(2, Overlaps.maxReadersTogether, "lockfile=readwrite: the clones' reads overlap");
        run("randrw", "readwrite", 20);
        assertTrue(!Overlaps.writeWithOther, "lockfile=readwrite: a write is never in the engine with another I/O");
        assertTrue(Overlaps.maxInside >= 1);
    }

    @Test
    void anUnknownLockModeIsRefusedNamingTheAcceptedOnes() {
        JobSpecException e =
                org.junit.jupiter.api.Assertions.assertThrows(JobSpecException.class, () -> run("read", "shared", 0));
        assertTrue(
                e.getMessage().contains("lockfile=shared") && e.getMessage().contains("none, exclusive, readwrite"),
                e.getMessage());
    }
}
