package dev.jfio.cli;

import dev.jfio.engine.EngineDirectories;
import dev.jfio.engine.EngineLoadException;
import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.JobParser;
import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpec;
import dev.jfio.job.JobSpecException;
import dev.jfio.log.LogInflater;
import dev.jfio.output.CheckedOutput;
import dev.jfio.posix.NativePreload;
import dev.jfio.report.ReportFormat;
import dev.jfio.report.Reports;
import dev.jfio.run.JobHeader;
import dev.jfio.run.PreparedRun;
import dev.jfio.run.Rendezvous;
import dev.jfio.run.Runner;
import dev.jfio.run.SetupFailedException;
import dev.jfio.run.StopSignal;
import dev.jfio.run.Version;
import dev.jfio.stats.LoopProfiles;
import dev.jfio.stats.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The {@code jfio} command: fio's command line. Arguments that are jfio's own flags
 * ({@code --output-format}, {@code --parse-only}, ...) are parsed by picocli; every other
 * {@code --key[=value]} is a job option, in any position, and every other word is a job file.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        NativePreload.start();
        LoopProfiles.start();
        StopSignal stop = new StopSignal();
        Interrupts interrupts = Interrupts.install(stop, System.err);
        quietOutOfMemoryInThreads();
        int status = run(args, CheckedOutput.stdout(), System.err, System.getenv(), stop, interrupts);
        System.exit(status);
    }

    /**
     * A thread of jfio's that runs out of memory outside the places that handle it (the progress
     * line, a job thread failing again as it winds up) says so in one line rather than a trace;
     * other uncaught throwables are printed as the JVM prints them.
     */
    private static void quietOutOfMemoryInThreads() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                System.err.println("jfio: out of memory (" + e.getMessage() + ") in thread " + thread.getName());
            } else {
                thread.getThreadGroup().uncaughtException(thread, e);
            }
        });
    }

    /**
     * Runs jfio in-process: the report goes to {@code out}, notices and errors to {@code err}.
     *
     * @return the exit status: 0 on success, 1 on a job error, bad input or a report that could not be written
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), new StopSignal());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the environment and stop signal given. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, StopSignal stop) {
        return run(args, CheckedOutput.of("stdout", out), err, env, stop, Interrupts.none());
    }

    private static int run(
            String[] args,
            CheckedOutput stdout,
            PrintStream err,
            Map<String, String> env,
            StopSignal stop,
            Interrupts interrupts) {
        PrintStream out = stdout.printStream();
        int status = parseAndExecute(args, new Outputs(stdout, out, err, stop, interrupts), env);
        out.flush();
        int lost = stdout.reportFailure(err, "the output");
        return status != 0 ? status : lost;
    }

    private static int parseAndExecute(String[] args, Outputs io, Map<String, String> env) {
        PrintStream out = io.out();
        PrintStream err = io.err();
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-v"))) {
            out.println(Version.banner()); // before picocli builds its model: a third of start-up
            return 0;
        }
        if (args.length > 0 && args[0].equals("compare")) {
            return dev.jfio.compare.Compare.run(List.of(args).subList(1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("report")) {
            return dev.jfio.report.html.ReportCommand.run(List.of(args).subList(1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("merge")) {
            return dev.jfio.merge.MergeCommand.run(List.of(args).subList(1, args.length), out, err);
        }
        CliArguments cli = new CliArguments();
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setUnmatchedArgumentsAllowed(true);
        commandLine.setUnmatchedOptionsArePositionalParams(false);
        commandLine.setOverwrittenOptionsAllowed(true);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("jfio: " + e.getMessage());
            return 1;
        }
        boolean debug = cli.debug != null;
        try {
            return execute(cli, commandLine, io, env);
        } catch (JobSpecException | EngineLoadException | SetupFailedException | IllegalArgumentException e) {
            err.println("jfio: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (OutOfMemoryError e) {
            return outOfMemory(e, 0, err, debug);
        } catch (RuntimeException e) {
            err.println("jfio: internal error: " + e);
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("jfio: run with --debug for the stack trace");
            }
            return 1;
        }
    }

    /** Where a run's output goes ({@code out} writes to {@code stdout}) and what may stop it. */
    private record Outputs(
            CheckedOutput stdout, PrintStream out, PrintStream err, StopSignal stop, Interrupts interrupts) {}

    private static int execute(CliArguments cli, CommandLine commandLine, Outputs io, Map<String, String> env) {
        PrintStream out = io.out();
        PrintStream err = io.err();
        if (cli.help) {
            commandLine.usage(out);
            return 0;
        }
        if (cli.version) {
            out.println(Version.banner());
            return 0;
        }
        if (cli.inflateLog != null) {
            return inflate(cli.inflateLog, out, err);
        }
        LiveOptions live = LiveOptions.of(cli); // before the report starts on stdout
        Integer early = RunFlags.exitEarly(cli, out, err);
        if (early != null) {
            return early;
        }
        List<Path> jobFiles = new ArrayList<>();
        List<String> jobOptions = new ArrayList<>();
        cli.split(jobFiles, jobOptions);

        EngineRegistry engines =
                EngineRegistry.load(Main.class.getClassLoader(), EngineDirectories.of(cli.enginePath, env));
        RegistryJobEngines jobEngines = new RegistryJobEngines(engines);
        JobParser parser = new JobParser(jobEngines, env);

        if (cli.enghelp != null || cli.cmdhelp != null) {
            parser.loadEngines(jobFiles, jobOptions); // help describes the engines the jobs load too
            jobEngines.catalog(); // refuses an engine whose option has a core option's name, as parsing does
            out.print(cli.enghelp != null ? Help.engines(engines, cli.enghelp) : Help.options(engines, cli.cmdhelp));
            return 0;
        }
        RankRun ranks = RankRun.of(cli, env);
        cli.output = ranks.output(cli.output);
        Set<ReportFormat> formats = cli.minimal ? EnumSet.of(ReportFormat.TERSE) : ReportFormat.parse(cli.outputFormat);
        if (cli.appendTerse) {
            formats = EnumSet.copyOf(formats);
            formats.add(ReportFormat.TERSE);
        }

        if (jobFiles.isEmpty() && jobOptions.stream().noneMatch(o -> o.startsWith("--name"))) {
            parser.parse(List.of(), jobOptions, Set.of()); // a mistyped option says so rather than "no jobs"
            err.println("jfio: no jobs given: name a job file (jfio job.fio) or a job (jfio --name=x --rw=read ...);"
                    + " see jfio --help");
            return 1;
        }
        Set<String> sections = cli.sections == null ? Set.of() : Set.copyOf(cli.sections);
        JobSet jobSet = ranks.parser(parser).parse(jobFiles, jobOptions, sections);
        ranks.digest(parser, jobFiles, jobOptions, sections);
        RunFlags.checkJobs(cli, jobSet, err);
        if (jobSet.jobs().isEmpty()) {
            err.println("jfio: no jobs to run: "
                    + (jobFiles.size() == 1
                            ? jobFiles.get(0) + " has"
                            : "the job files "
                                    + jobFiles.stream().map(Path::toString).collect(Collectors.joining(", ")) + " have")
                    + " no job section ([global] only sets defaults)");
            return 1;
        }
        if (cli.showcmd) {
            for (JobSpec job : jobSet.jobs()) {
                out.println(job.toCommandLine());
            }
            return 0;
        }
        Runner runner = new Runner(engines, err, io.stop());
        runner.auxPath(cli.auxPath);
        runner.readOnly(cli.readonly);
        ranks.configure(runner);
        if (cli.output != null) {
            runner.noticesTo(io.out()); // as fio's log_info: stdout is free when the report goes to a file
        }
        runner.check(jobSet); // before --output is opened; prepare() checks again for other callers
        if (cli.parseOnly) {
            return 0;
        }
        return runJobs(cli, live, jobSet, runner, formats, io, ranks);
    }

    private static int runJobs(
            CliArguments cli,
            LiveOptions live,
            JobSet jobSet,
            Runner runner,
            Set<ReportFormat> formats,
            Outputs io,
            RankRun ranks) {
        PrintStream err = io.err();
        CheckedOutput file = null;
        PrintStream report = io.out();
        if (cli.output != null) {
            try {
                file = CheckedOutput.create(cli.output);
            } catch (IOException e) {
                err.println("jfio: cannot write --output " + cli.output + ": " + reason(e));
                return 1;
            }
            report = file.printStream();
        }
        CheckedOutput intervalFile = null;
        if (live.intervalStatsNanos() > 0 && !live.intervalStatsOutput().equals(LiveOptions.STDERR)) {
            try {
                intervalFile = CheckedOutput.create(Path.of(live.intervalStatsOutput()));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                err.println("jfio: cannot write --interval-stats-output " + live.intervalStatsOutput() + ": "
                        + (e instanceof IOException ? reason((IOException) e) : e.getMessage()));
                if (file != null) {
                    file.close();
                }
                return 1;
            }
        }
        PrintStream intervalOut = intervalFile != null ? intervalFile.printStream() : err;
        int status;
        try {
            status = writeRun(cli, live, jobSet, runner, formats, report, err, intervalOut, io.stop(), ranks);
        } catch (OutOfMemoryError e) {
            report.flush(); // what the report got to
            status = outOfMemory(e, clones(jobSet), err, cli.debug != null);
        } finally {
            report.flush();
            if (file != null) {
                file.close();
            }
            if (intervalFile != null) {
                intervalFile.close();
            }
        }
        int lost = (file != null ? file : io.stdout()).reportFailure(err, "the report");
        if (intervalFile != null) {
            int lostIntervals = intervalFile.reportFailure(err, "the interval figures");
            lost = lost != 0 ? lost : lostIntervals;
        }
        if (io.interrupts().received()) {
            return Interrupts.EXIT_STATUS;
        }
        return status != 0 ? status : lost;
    }

    /** Prepares and runs the jobs, writing fio's header and then the report (partial when stopped). */
    private static int writeRun(
            CliArguments cli,
            LiveOptions live,
            JobSet jobSet,
            Runner runner,
            Set<ReportFormat> formats,
            PrintStream report,
            PrintStream err,
            PrintStream intervalOut,
            StopSignal stop,
            RankRun ranks) {
        PreparedRun prepared = runner.prepare(jobSet);
        Rendezvous together = ranks.rendezvous(stop, err);
        if (together != null) {
            prepared.startTogether(together);
        }
        if (cli.bandwidthLog) {
            prepared.writeBandwidthLog();
        }
        if (formats.contains(ReportFormat.NORMAL)) {
            for (JobHeader header : prepared.headers()) {
                report.println(Reports.headerLine(
                        header.jobName(),
                        header.groupId(),
                        header.rw(),
                        Reports.blockSizes(
                                header.blockSizes().min(), header.blockSizes().max()),
                        header.ioengine(),
                        header.iodepth()));
                if (header.cloned()) {
                    report.println("...");
                }
            }
            report.println(Version.banner());
            report.println(Reports.startingLine(prepared.cloneCount()));
            report.flush();
        }
        Progress progress = Progress.start(prepared, live, err, report, formats, intervalOut);
        Trigger trigger = Trigger.start(cli.triggerFile, RunFlags.triggerTimeoutNanos(cli), cli.trigger, stop, err);
        IdleProfile idle = IdleProfile.start(cli.idleProf);
        Runner.Outcome outcome;
        try {
            outcome = prepared.run();
        } finally {
            if (trigger != null) {
                trigger.stop();
            }
            progress.stop();
        }
        synchronized (report) {
            RunResult result = ranks.place(
                    idle == null ? outcome.result() : outcome.result().withIdleness(idle.finish()), prepared, jobSet);
            if (result.placement() != null && formats.contains(ReportFormat.NORMAL)) {
                report.println(result.placement().line());
            }
            Reports.write(result, formats, RunFlags.terseVersion(cli), report);
            report.flush();
        }
        if (prepared.outOfMemory() != null) {
            outOfMemory(prepared.outOfMemory(), prepared.cloneCount(), err, cli.debug != null);
            return outcome.exitCode() != 0 ? outcome.exitCode() : 1;
        }
        return outcome.exitCode();
    }

    /** {@code --inflate-log}: the text of a compressed log on stdout, as fio's iolog_file_inflate. */
    private static int inflate(Path file, PrintStream out, PrintStream err) {
        try {
            LogInflater.inflate(file, out);
            return 0;
        } catch (IOException e) {
            err.println("jfio: --inflate-log " + file + ": " + reason(e));
            return 1;
        }
    }

    /** Out of memory: one line with the remedy (the trace only with --debug); exit status 1. */
    private static int outOfMemory(OutOfMemoryError e, int jobs, PrintStream err, boolean debug) {
        err.println(OutOfMemory.line(e, jobs, Runtime.getRuntime().maxMemory()));
        if (debug) {
            e.printStackTrace(err);
        }
        return 1;
    }

    private static int clones(JobSet jobSet) {
        int n = 0;
        for (JobSpec spec : jobSet.jobs()) {
            n += spec.numjobs();
        }
        return n;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            String r = ((FileSystemException) e).getReason();
            return r.isEmpty() ? r : Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
