package dev.jfio.merge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jfio merge r0.json r1.json ... [-o all.json] [--output-format=json|normal]
 * [--allow-mismatch]}: the JSON results of the ranks of one distributed run merged into one report
 * of fio's client-mode shape (see {@link MergedReport}). Exit status 0; 2 when the aggregate is
 * partial (a rank missing, unreadable or with a failed job: the report is still written); 1 on bad
 * input (files of different runs or jobs, a rank twice, nothing readable, an unwritable output).
 * Each call is independent; safe from any thread.
 */
@Command(
        name = "jfio merge",
        description = {
            "Merges the JSON results of the ranks of one distributed run (jfio --output-format=json,"
                    + " one file per rank) into one report in fio's client-mode shape: \"client_stats\""
                    + " holds each rank's jobs (with \"hostname\" and \"rank\") and one \"All clients\""
                    + " entry per group, whose totals are the ranks' sums, whose IOPS and bandwidth are the"
                    + " sums of the ranks' group rates, and whose percentiles come from the ranks' HdrHistograms"
                    + " added (exact). Time series are aligned by wall clock.",
            "A missing rank, an unreadable (truncated) file or a job with error != 0 marks the aggregate"
                    + " partial (\"jfio\".\"merge\".\"partial\"), names the ranks on stderr and exits 2, the"
                    + " report still written. Files whose job_digest differ are refused (exit 1)."
        },
        footer = {
            "",
            "Exit status: 0 merged; 2 partial (report written); 1 bad input. jfio compare and jfio report"
                    + " read the merged report. See docs/DISTRIBUTED.md, \"Merging the ranks' results\"."
        })
public final class MergeCommand {
    private static final String USAGE =
            "usage: jfio merge r0.json r1.json ... [-o all.json] [--output-format=json|normal] [--allow-mismatch]";

    @Parameters(paramLabel = "RANK.json", arity = "1..*", description = "each rank's JSON result")
    List<Path> files = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "write the merged report to FILE (default: stdout)")
    Path output;

    @Option(
            names = "--output-format",
            paramLabel = "FORMAT",
            description = "json (fio's client-mode JSON, default) or normal (a readable summary)")
    String format = "json";

    @Option(
            names = "--allow-mismatch",
            description = "merge ranks whose job_digest differ (they ran different job files)")
    boolean allowMismatch;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    boolean help;

    /**
     * Runs the command: the report goes to {@code out} (or the -o file), notices to {@code err}.
     *
     * @param args the arguments after {@code merge}
     * @return 0, 2 when partial, 1 on bad input
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        MergeCommand cmd = new MergeCommand();
        CommandLine cl = new CommandLine(cmd);
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            err.println("jfio merge: " + e.getMessage() + " (" + USAGE + ")");
            return 1;
        }
        if (cmd.help) {
            cl.usage(out);
            return 0;
        }
        if (!cmd.format.equals("json") && !cmd.format.equals("normal")) {
            err.println("jfio merge: --output-format=" + cmd.format + ": accepted values are json and normal");
            return 1;
        }
        try {
            return cmd.merge(out, err);
        } catch (IllegalArgumentException e) {
            err.println("jfio merge: " + e.getMessage());
            return 1;
        }
    }

    private int merge(PrintStream out, PrintStream err) {
        List<RankFile> read = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            read.add(RankFile.read(files.get(i), i, files.size()));
        }
        RankSet ranks = new RankSet(read, allowMismatch);
        if (ranks.present().isEmpty()) {
            for (RankFile f : ranks.unreadable()) {
                err.println("jfio merge: " + f.path() + ": " + f.problem());
            }
            throw new IllegalArgumentException("no rank's file could be read: nothing to merge");
        }
        MergedReport report = new MergedReport(ranks);
        String text = format.equals("json") ? Tree.write(report.tree()) : NormalSummary.of(report);
        if (output == null) {
            out.print(text);
            out.flush();
        } else {
            write(text);
        }
        for (String line : report.facts().notices()) {
            err.println(line);
        }
        return ranks.partial() ? 2 : 0;
    }

    private void write(String text) {
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot write " + output + ": no such directory "
                    + output.toAbsolutePath().getParent());
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot write " + output + ": permission denied");
        } catch (FileSystemException e) {
            throw new IllegalArgumentException("cannot write " + output + ": " + e.getReason());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + output + ": " + e.getMessage());
        }
    }
}
