package dev.jfio.cli;

import dev.jfio.dist.FileBarrier;
import dev.jfio.dist.JobDigest;
import dev.jfio.dist.RankInfo;
import dev.jfio.dist.RankRendezvous;
import dev.jfio.dist.StartAt;
import dev.jfio.job.JobParser;
import dev.jfio.job.JobSet;
import dev.jfio.run.PreparedRun;
import dev.jfio.run.Rendezvous;
import dev.jfio.run.StartFacts;
import dev.jfio.run.StopSignal;
import dev.jfio.stats.RankPlacement;
import dev.jfio.stats.RunResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This process as one rank of a run on several hosts: its rank ({@code --rank}/{@code --ranks} or
 * the launcher's variables), {@code $rank} in job files and {@code --output}, the common start
 * ({@code --start-at}, {@code --barrier-dir}) and the rank's part of the report. Alone (no rank,
 * no launcher) it changes nothing. Main thread only.
 */
final class RankRun {
    private static final double DEFAULT_BARRIER_TIMEOUT_SECONDS = 60;

    private final CliArguments cli;
    private final RankInfo info;
    private final long startAtWallNanos;
    private final long barrierTimeoutNanos;
    private String digest;

    private RankRun(CliArguments cli, RankInfo info, long startAt, long barrierTimeout) {
        this.cli = cli;
        this.info = info;
        this.startAtWallNanos = startAt;
        this.barrierTimeoutNanos = barrierTimeout;
    }

    /**
     * Reads the rank and checks the options of starting together.
     *
     * @throws IllegalArgumentException with a one-line message on inconsistent input
     */
    static RankRun of(CliArguments cli, Map<String, String> env) {
        RankInfo info = RankInfo.detect(cli.rank, cli.ranks, env);
        long startAt = cli.startAt == null ? -1 : StartAt.parse(cli.startAt);
        long timeout = (long) (DEFAULT_BARRIER_TIMEOUT_SECONDS * 1e9);
        if (cli.barrierTimeout != null) {
            if (cli.barrierDir == null) {
                throw new IllegalArgumentException("--barrier-timeout needs --barrier-dir=DIR");
            }
            double seconds;
            try {
                seconds = Double.parseDouble(cli.barrierTimeout.trim());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (!(seconds > 0) || seconds > 1e6) {
                throw new IllegalArgumentException(
                        "--barrier-timeout=" + cli.barrierTimeout + ": give seconds, more than 0 (default 60)");
            }
            timeout = (long) (seconds * 1e9);
        }
        if (cli.barrierId != null && cli.barrierDir == null) {
            throw new IllegalArgumentException("--barrier-id needs --barrier-dir=DIR");
        }
        return new RankRun(cli, info, startAt, timeout);
    }

    /** The parser with {@code $rank} and {@code $ranks} of this rank. */
    JobParser parser(JobParser parser) {
        return info.placed() ? parser.forRank(info.rank(), info.ranks()) : parser;
    }

    /** Tells the runner this process's rank (region split, seeds). */
    void configure(dev.jfio.run.Runner runner) {
        runner.rank(info.rank(), info.ranks());
    }

    /** {@code --output} with {@code $rank} and {@code $ranks} expanded; null stays null. */
    Path output(Path output) {
        if (output == null) {
            return null;
        }
        String text = output.toString()
                .replaceAll("\\$ranks(?![A-Za-z0-9_])", Integer.toString(info.ranks()))
                .replaceAll("\\$rank(?![A-Za-z0-9_])", Integer.toString(info.rank()));
        return Path.of(text);
    }

    /** Computes the job digest from the jobs as rank 0 reads them, when the report or the barrier needs it. */
    void digest(JobParser base, List<Path> jobFiles, List<String> jobOptions, Set<String> sections) {
        if (info.placed() || cli.barrierDir != null) {
            JobSet asRankZero = base.forRank(0, info.ranks()).parse(jobFiles, jobOptions, sections);
            digest = JobDigest.of(asRankZero);
        }
    }

    /** The common start of the ranks, or null when neither --start-at nor --barrier-dir is given. */
    Rendezvous rendezvous(StopSignal stop, PrintStream err) {
        if (cli.barrierDir == null && startAtWallNanos < 0) {
            return null;
        }
        FileBarrier barrier = null;
        if (cli.barrierDir != null) {
            String id = cli.barrierId != null
                    ? cli.barrierId
                    : info.runId() != null
                            ? info.runId()
                            : digest.substring("sha256:".length(), 23) + "-" + info.ranks();
            barrier = new FileBarrier(
                    cli.barrierDir, id, info.rank(), info.ranks(), barrierTimeoutNanos, stop::requested);
        }
        return new RankRendezvous(barrier, startAtWallNanos, stop, err);
    }

    /** The result with the rank's placement ("jfio" in JSON) when this process is a rank; else as it is. */
    RunResult place(RunResult result, PreparedRun prepared, JobSet jobs) {
        if (!info.placed()) {
            return result;
        }
        StartFacts facts = prepared.startFacts();
        return result.withPlacement(new RankPlacement(
                info.rank(),
                info.ranks(),
                info.launcher(),
                RankInfo.hostname(),
                facts.ioStartWallNanos(),
                facts.targetWallNanos(),
                digest,
                jobs.jobs().get(0).region().rankShared() ? "shared" : "disjoint",
                facts.regionOffset(),
                facts.regionSize()));
    }
}
