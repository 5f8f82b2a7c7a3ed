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
        footer = {"", "See jfio --cmdhelp for every job option, jfio --enghelp for the engines."})
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
            names = "--debug",
            arity = "0..1",
            fallbackValue = "all",
            paramLabel = "WHAT",
            description = "show stack traces with errors")
    String debug;

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
