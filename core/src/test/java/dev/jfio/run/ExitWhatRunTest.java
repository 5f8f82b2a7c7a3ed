package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exit_what: which jobs exitall ends when a job finishes, as fio's fio_terminate_threads: the
 * finished job's group (default), the jobs started so far, or all of them. The job "short" has
 * exitall and ends at once; "other" runs 3 s unless it is ended; "later" is a stonewall section
 * of its own, in a group of its own.
 */
class ExitWhatRunTest {
    /** Completes every I/O at once on a 1 MiB target. */
    public static final class Instant implements IoEngineProvider {
        @Override
        public String name() {
            return "instant";
        }

        @Override
        public String description() {
            return "completes every I/O at once";
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
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @TempDir
    Path dir;

    /** The jobs' results by name: short, other, later. */
    private List<JobResult> run(String exitWhat, String otherGrouping) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--ioengine=instant",
                "--filename=t0",
                "--rw=read",
                "--bs=4k",
                "--size=1m",
                "--name=short",
                "--exitall",
                "--exit_what=" + exitWhat,
                "--name=other",
                "--time_based",
                "--runtime=3"));
        if (!otherGrouping.isEmpty()) {
            args.add(otherGrouping);
        }
        args.addAll(List.of("--name=later", "--stonewall"));
        Runner.Outcome o = new OneEngineRun(dir, Instant.class).run(args.toArray(new String[0]));
        return o.result().jobs();
    }

    private static JobResult job(List<JobResult> jobs, String name) {
        for (JobResult j : jobs) {
            if (j.jobName().equals(name)) {
                return j;
            }
        }
        return null;
    }

    private static long reads(List<JobResult> jobs, String name) {
        JobResult j = job(jobs, name);
        return j == null ? 0 : j.issued()[0];
    }

    @Test
    void groupEndsTheJobsOfTheFinishedJobsGroupAndLaterGroupsStillRun() throws IOException {
        List<JobResult> jobs = run("group", "");
        assertTrue(
                job(jobs, "other").jobRuntimeMillis() < 2000,
                "other ran " + job(jobs, "other").jobRuntimeMillis());
        assertEquals(256, reads(jobs, "later"));
    }

    @Test
    void groupLeavesAJobOfAnotherGroupRunning() throws IOException {
        List<JobResult> jobs = run("group", "--new_group");
        assertTrue(
                job(jobs, "other").jobRuntimeMillis() >= 2500,
                "other ran " + job(jobs, "other").jobRuntimeMillis());
        assertEquals(256, reads(jobs, "later"));
    }

    @Test
    void stonewallEndsEveryRunningJobWhateverItsGroupAndLaterSectionsStillRun() throws IOException {
        List<JobResult> jobs = run("stonewall", "--new_group");
        assertTrue(
                job(jobs, "other").jobRuntimeMillis() < 2000,
                "other ran " + job(jobs, "other").jobRuntimeMillis());
        assertEquals(256, reads(jobs, "later"));
    }

    @Test
    void allEndsEveryJobAndKeepsLaterOnesFromStarting() throws IOException {
        List<JobResult> jobs = run("all", "");
        assertTrue(
                job(jobs, "other").jobRuntimeMillis() < 2000,
                "other ran " + job(jobs, "other").jobRuntimeMillis());
        assertEquals(0, reads(jobs, "later"));
    }
}
