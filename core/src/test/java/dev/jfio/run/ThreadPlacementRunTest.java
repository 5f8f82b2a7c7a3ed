package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.JobSpecException;
import dev.jfio.posix.CpuAffinity;
import dev.jfio.posix.ThreadScheduling;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job thread runs where cpus_allowed / cpumask / cpus_allowed_policy put it, with the nice value
 * and I/O priority of nice, prio and prioclass: an engine reads them back from the kernel on the
 * thread that does the I/O.
 */
class ThreadPlacementRunTest {
    /** What the engine saw per job clone: "cpus", "nice", "ioprio". */
    static final Map<String, String> SEEN = new TreeMap<>();

    /** Reads the calling thread's affinity, nice value and I/O priority at its first I/O. */
    public static final class Observer implements IoEngineProvider {
        @Override
        public String name() {
            return "observer";
        }

        @Override
        public String description() {
            return "reads back the job thread's scheduling";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                private boolean seen;

                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(1 << 20);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    if (!seen) {
                        seen = true;
                        int[] io = ThreadScheduling.ioPriority();
                        synchronized (SEEN) {
                            SEEN.put(
                                    job.cloneIndex() + ".cpus",
                                    CpuAffinity.get().toString());
                            SEEN.put(job.cloneIndex() + ".nice", Integer.toString(ThreadScheduling.nice()));
                            SEEN.put(job.cloneIndex() + ".ioprio", io[0] + "/" + io[1]);
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

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    private void run(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--name=t", "--ioengine=observer", "--filename=t0", "--size=64k"));
        args.addAll(List.of(options));
        new OneEngineRun(dir, Observer.class).run(args.toArray(new String[0]));
    }

    @Test
    void cpusAllowedPinsTheJobThreadAndSplitGivesEachThreadOneCpuInTurn() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertTrue(cpus >= 2, "needs two CPUs");
        run("--cpus_allowed=1");
        assertEquals("{1}", SEEN.get("0.cpus"));
        SEEN.clear();
        run("--cpus_allowed=0-1", "--cpus_allowed_policy=split", "--numjobs=3");
        assertEquals("{0}", SEEN.get("0.cpus"));
        assertEquals("{1}", SEEN.get("1.cpus"));
        assertEquals("{0}", SEEN.get("2.cpus"), "the third thread wraps round");
        SEEN.clear();
        run("--cpumask=0x2");
        assertEquals("{1}", SEEN.get("0.cpus"));
    }

    @Test
    void niceAndIoPriorityApplyToTheJobThread() throws Exception {
        BitSet before = CpuAffinity.get();
        run("--nice=5", "--prioclass=3");
        assertEquals("5", SEEN.get("0.nice"));
        assertEquals("3/0", SEEN.get("0.ioprio"));
        SEEN.clear();
        run("--prio=6");
        assertEquals("2/6", SEEN.get("0.ioprio"), "no class given: best effort, as fio");
        assertEquals("0", SEEN.get("0.nice"));
        assertEquals(before, CpuAffinity.get(), "the test's own thread is untouched");
    }

    @Test
    void aCpuBeyondTheMachineIsRefusedWithTheOption() {
        JobSpecException e = assertThrows(JobSpecException.class, () -> run("--cpus_allowed=0,64"));
        assertTrue(e.getMessage().contains("cpus_allowed=0,64: CPU 64 too large"), e.getMessage());
        e = assertThrows(JobSpecException.class, () -> run("--nice=25"));
        assertTrue(e.getMessage().contains("nice must be -20..19, got 25"), e.getMessage());
    }

    @Test
    void execPrerunAndPostrunRunAroundTheJobWithTheirOutputInJobNameFiles() throws Exception {
        String name = dir.resolve("hooked").toString();
        Runner.Outcome out = new OneEngineRun(dir, Observer.class)
                .run(
                        "--name=" + name,
                        "--ioengine=observer",
                        "--filename=t0",
                        "--size=64k",
                        "--exec_prerun=echo before; echo oops >&2",
                        "--exec_postrun=echo after");
        assertEquals(0, out.result().jobs().get(0).error());
        assertEquals("before\noops\n", java.nio.file.Files.readString(Path.of(name + ".prerun.txt")));
        assertEquals("after\n", java.nio.file.Files.readString(Path.of(name + ".postrun.txt")));
        assertTrue(SEEN.containsKey("0.cpus"), "the job ran");
    }

    @Test
    void aFailingPrerunFailsTheJobBeforeAnyIo() throws Exception {
        Runner.Outcome out = new OneEngineRun(dir, Observer.class)
                .run(
                        "--name=" + dir.resolve("failing"),
                        "--ioengine=observer",
                        "--filename=t0",
                        "--size=64k",
                        "--exec_prerun=exit 3");
        assertEquals(dev.jfio.spi.Errno.ECANCELED, out.result().jobs().get(0).error());
        assertTrue(SEEN.isEmpty(), "no I/O was done");
    }
}
