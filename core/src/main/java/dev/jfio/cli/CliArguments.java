package dev.jfio.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** jfio's own flags; everything else on the command line is a job option or a job file. */
@Command(
        name = "jfio",
        sortOptions = false,
        description = {
            "fio, the Flexible I/O Tester, in Java, with pluggable I/O engines.",
            "",
            "Usage: jfio [flags] [job files] [--option=value ...] [--name=job --option=value ...]",
            "",
            "Job options are fio's (--rw=randread --bs=4k --size=1g ...) and the engines' own",
            "(--sockname=/path for ioengine=nbd), in any position. Options before the first --name",
            "apply to every job and override the job files; each --name starts a new job.",
            ""
        },
        footer = {
            "",
            "See jfio --cmdhelp for every job option, jfio --enghelp for the engines.",
            "",
            "Commands on finished runs (fio's or jfio's JSON):",
            "  jfio compare A.json B.json        two jobs side by side, with ratios",
            "  jfio report RUN.json -o R.html    one self-contained page of charts",
            "  jfio merge r0.json r1.json -o all.json   the ranks of a distributed run, merged"
        })
final class CliArguments {
    @Option(
            names = "--output-format",
            paramLabel = "FORMAT",
            description = "normal, terse, json or json+; combine with commas (default normal)")
    String outputFormat = "normal";

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of stdout")
    Path output;

    @Option(names = "--minimal", description = "terse output (same as --output-format=terse)")
    boolean minimal;

    @Option(names = "--parse-only", description = "parse the jobs and exit without running them")
    boolean parseOnly;

    @Option(names = "--showcmd", description = "print each job as a command line and exit")
    boolean showcmd;

    @Option(
            names = "--cmdhelp",
            arity = "0..1",
            fallbackValue = "all",
            paramLabel = "OPTION",
            description = "describe a job option, or all of them")
    String cmdhelp;

    @Option(
            names = "--enghelp",
            arity = "0..1",
            fallbackValue = "",
            paramLabel = "ENGINE",
            description = "list the engines, or describe one engine's options")
    String enghelp;

    @Option(names = "--section", paramLabel = "NAME", description = "run only this job section (repeatable)")
    List<String> sections;

    @Option(
            names = "--status-interval",
            paramLabel = "TIME",
            description = "print the report every TIME (seconds unless suffixed) while jobs run")
    String statusInterval;

    @Option(
            names = "--eta",
            paramLabel = "WHEN",
            description = "fio's ETA line, on stderr: auto (when stderr is a terminal), always, never")
    String eta = "auto";

    @Option(
            names = "--eta-interval",
            paramLabel = "TIME",
            description = "rewrite the ETA line every TIME (default 1s, at least 250ms)")
    String etaInterval;

    @Option(
            names = "--eta-newline",
            paramLabel = "TIME",
            description = "start a new ETA line every TIME rather than rewriting one line")
    String etaNewline;

    @Option(
            names = "--interval-stats",
            paramLabel = "TIME",
            description = "jfio's own: write each job's figures of the last TIME alone (JSON lines)")
    String intervalStats;

    @Option(
            names = "--interval-stats-output",
            paramLabel = "FILE",
            description = "where --interval-stats writes: FILE, or - for stderr (the default)")
    String intervalStatsOutput;

    @Option(
            names = "--engine-path",
            paramLabel = "DIRS",
            description = "':'-separated directories of engine jars (also $JFIO_ENGINE_PATH)")
    String enginePath;

    @Option(
            names = "--bandwidth-log",
            description = "write the aggregate bandwidth logs agg-read_bw.log, agg-write_bw.log, agg-trim_bw.log")
    boolean bandwidthLog;

    @Option(
            names = "--inflate-log",
            paramLabel = "FILE",
            description = "print the text of a log stored with log_store_compressed (.log.fz) and exit")
    Path inflateLog;

    @Option(
            names = "--max-jobs",
            paramLabel = "N",
            description = "accepted and ignored, as fio 3.33 does (jfio has no fixed job table)")
    Integer maxJobs;

    @Option(
            names = "--aux-path",
            paramLabel = "DIR",
            description = "where verify_dump's files go (default: the working directory)")
    Path auxPath;

    @Option(
            names = "--debug",
            arity = "0..1",
            fallbackValue = "all",
            paramLabel = "WHAT",
            description = "show stack traces with errors")
    String debug;

    // issue 17: one rank of a run on several hosts (docs/DISTRIBUTED.md)
    @Option(
            names = "--rank",
            paramLabel = "N",
            description = "this process's rank (0 to ranks-1) in a run on several hosts (ssh, pdsh); overrides a"
                    + " launcher's (Open MPI, PMI, Slurm, Kubernetes JOB_COMPLETION_INDEX)")
    String rank;

    @Option(
            names = "--ranks",
            paramLabel = "N",
            description = "the number of ranks of the run (also $JFIO_RANKS beside JOB_COMPLETION_INDEX);"
                    + " $rank and $ranks expand in job files and --output")
    String ranks;

    @Option(
            names = "--start-at",
            paramLabel = "TIME",
            description = "start the I/O at this wall-clock time, the same for all ranks: ISO-8601 with a zone"
                    + " (2026-12-03T10:15:00Z) or @EPOCH_SECONDS; ramp_time and runtime count from it")
    String startAt;

    @Option(
            names = "--barrier-dir",
            paramLabel = "DIR",
            description = "meet the other ranks in this shared directory before the I/O (for launchers"
                    + " without synchronized clocks)")
    Path barrierDir;

    @Option(
            names = "--barrier-timeout",
            paramLabel = "SECONDS",
            description = "how long --barrier-dir waits for the other ranks (default 60)")
    String barrierTimeout;

    @Option(
            names = "--barrier-id",
            paramLabel = "ID",
            description = "this run's name in --barrier-dir (default: the launcher's job id, else a digest of the"
                    + " jobs); give each run its own when reusing a directory")
    String barrierId;

    // fio 3.33's run-wide flags of issue 14 (h-flags): reports, safety, triggers, self-tests
    @Option(
            names = "--append-terse",
            description = "add terse lines to the selected formats (deprecated in fio: use --output-format)")
    boolean appendTerse;

    @Option(
            names = "--terse-version",
            paramLabel = "N",
            description = "terse field layout: 2, 3 (default), 4 (adds trim) or 5 (adds sample counts)")
    String terseVersion;

    @Option(names = "--readonly", description = "refuse jobs that write or trim (a safety net)")
    boolean readonly;

    @Option(names = "--warnings-fatal", description = "make fio's option warnings errors")
    boolean warningsFatal;

    @Option(
            names = "--alloc-size",
            paramLabel = "KB",
            description = "accepted for fio compatibility, no effect: jfio has no smalloc pool"
                    + " (its memory is the JVM heap: JFIO_JAVA_OPTS=-Xmx...)")
    String allocSize;

    @Option(
            names = "--trigger-file",
            paramLabel = "FILE",
            description = "when FILE appears, delete it, stop the jobs and run the --trigger command")
    Path triggerFile;

    @Option(
            names = "--trigger-timeout",
            paramLabel = "TIME",
            description = "do the same TIME after the jobs start (seconds unless suffixed)")
    String triggerTimeout;

    @Option(names = "--trigger", paramLabel = "COMMAND", description = "the command a trigger runs (sh -c)")
    String trigger;

    @Option(names = "--trigger-remote", paramLabel = "COMMAND", hidden = true)
    String triggerRemote;

    @Option(
            names = "--idle-prof",
            paramLabel = "MODE",
            description = "report CPU idleness while the jobs run (/proc/stat): system or percpu")
    String idleProf;

    @Option(names = "--cpuclock-test", hidden = true)
    boolean cpuclockTest;

    @Option(
            names = "--crctest",
            arity = "0..1",
            fallbackValue = "",
            paramLabel = "LIST",
            description = "time jfio's checksums (md5, crc32c, sha256, xxhash) and exit")
    String crctest;

    @Option(
            names = {"--version", "-v"},
            description = "print the version and exit")
    boolean version;

    @Option(
            names = {"--help", "-h"},
            description = "show this help and exit")
    boolean help;

    @Unmatched
    List<String> rest = new ArrayList<>();

    /** Splits the other arguments into job files and job options, keeping their order. */
    void split(List<Path> jobFiles, List<String> jobOptions) {
        for (String arg : rest) {
            if (arg.startsWith("-") && arg.length() > 1) {
                jobOptions.add(arg);
            } else {
                jobFiles.add(Path.of(arg));
            }
        }
    }
}
