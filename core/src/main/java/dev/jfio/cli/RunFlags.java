package dev.jfio.cli;

import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpec;
import dev.jfio.job.JobSpecException;
import dev.jfio.job.SourceLocation;
import dev.jfio.job.TimeParsers;
import dev.jfio.report.Reports;
import dev.jfio.verify.ChecksumThroughput;
import java.io.PrintStream;

/**
 * fio 3.33's run-wide flags that are not about one job: the self-tests that run instead of jobs
 * ({@code --crctest}), the ones jfio refuses with the reason, the checks {@code --readonly} and
 * {@code --warnings-fatal} make on parsed jobs, and the values of {@code --terse-version} and
 * {@code --trigger-timeout}. Stateless; called from the thread running {@link Main}.
 */
final class RunFlags {

    private RunFlags() {}

    /**
     * Runs what replaces the jobs, or refuses what jfio cannot do.
     *
     * @return the exit status when jfio should stop here, or null to go on
     * @throws IllegalArgumentException for a bad flag value (one line, as other flags)
     */
    static Integer exitEarly(CliArguments cli, PrintStream out, PrintStream err) {
        if (cli.crctest != null) {
            return ChecksumThroughput.run(cli.crctest.isEmpty() ? null : cli.crctest, out, err);
        }
        if (cli.cpuclockTest) {
            throw new IllegalArgumentException("--cpuclock-test does not apply to jfio: it tests the CPU cycle"
                    + " counter fio can time with (clocksource=cpu); jfio times with the JVM's System.nanoTime"
                    + " (clock_gettime(CLOCK_MONOTONIC)) only");
        }
        if (cli.triggerRemote != null) {
            throw new IllegalArgumentException("--trigger-remote is not supported: it sends the command to fio"
                    + " --client servers, and jfio has no client/server mode (use --trigger)");
        }
        if (cli.allocSize != null) {
            allocSize(cli.allocSize, err);
        }
        terseVersion(cli);
        triggerTimeoutNanos(cli);
        IdleProfile.start(cli.idleProf); // checks the mode (and /proc/stat) before any job runs
        return null;
    }

    /** fio's {@code --terse-version}: 3 unless given; 2 to 5. */
    static int terseVersion(CliArguments cli) {
        return cli.terseVersion == null ? 3 : Reports.checkTerseVersion(cli.terseVersion);
    }

    /** {@code --trigger-timeout} in nanoseconds (seconds unless suffixed, as fio), 0 when not given. */
    static long triggerTimeoutNanos(CliArguments cli) {
        if (cli.triggerTimeout == null) {
            return 0;
        }
        try {
            long t = TimeParsers.parseTimeNanos(cli.triggerTimeout, "s");
            if (t <= 0) {
                throw new IllegalArgumentException("must be more than 0");
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--trigger-timeout=" + cli.triggerTimeout + ": " + e.getMessage(), e);
        }
    }

    /**
     * fio sizes its smalloc pool with {@code --alloc-size}; jfio keeps its state on the JVM heap,
     * so the value is checked, and the user told that it changes nothing.
     */
    private static void allocSize(String value, PrintStream err) {
        long kb;
        try {
            kb = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            kb = -1;
        }
        if (kb <= 0) {
            throw new IllegalArgumentException(
                    "--alloc-size=" + value + ": expected a size in KiB (a positive integer)");
        }
        err.println("jfio: --alloc-size=" + value + " has no effect: jfio has no smalloc pool; its memory is the"
                + " JVM heap (JFIO_JAVA_OPTS=-Xmx...)");
    }

    /**
     * Prints each job's parse warnings ("jfio: file:line: ..."); refuses, as fio does, a job that
     * writes or trims under {@code --readonly}, and every warning under {@code --warnings-fatal}.
     *
     * @throws JobSpecException for the first refused job, or when warnings are fatal
     */
    static void checkJobs(CliArguments cli, JobSet jobSet, PrintStream err) {
        for (JobSpec job : jobSet.jobs()) {
            if (cli.readonly && (job.rw().writes() || job.rw().trims())) {
                SourceLocation where = job.location("rw");
                throw new JobSpecException(
                        where,
                        "job <" + job.name() + "> has write or trim bit set, but jfio is in read-only mode"
                                + " (--readonly; rw=" + job.rw().fioName() + ")");
            }
        }
        int warnings = 0;
        for (JobSpec job : jobSet.jobs()) {
            for (String w : job.warnings()) {
                err.println("jfio: " + w);
                warnings++;
            }
        }
        if (warnings > 0 && cli.warningsFatal) {
            throw new JobSpecException(
                    null, warnings + (warnings == 1 ? " warning is" : " warnings are") + " fatal (--warnings-fatal)");
        }
    }
}
