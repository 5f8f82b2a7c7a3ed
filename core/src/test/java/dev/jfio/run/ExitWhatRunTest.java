package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.stats.JobResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exit_what: which jobs exitall ends when a job finishes, as fio's fio_terminate_threads: the
 * finished job's group (default), the jobs started so far, or all of them. The job "short" has
 * exitall and ends at once; "other" runs 3 s unless it is ended; "later" is a stonewall section
 * of its own, in a group of its own.
 */
class ExitWhatRunTest {

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
        Runner.Outcome o = new OneEngineRun(dir, InstantEngineProvider.class).run(args.toArray(new String[0]));
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
