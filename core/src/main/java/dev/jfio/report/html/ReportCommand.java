package dev.jfio.report.html;

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
 * {@code jfio report RUN.json [RUN2.json ...] -o report.html}: one self-contained HTML page of one
 * or more fio or jfio JSON reports: headline table, IOPS, bandwidth and latency over time, the
 * latency distribution, the NBD export's facts, and with two jobs or more {@code jfio compare}'s
 * figures as charts. Each call is independent; safe from any thread.
 */
@Command(
        name = "jfio report",
        description = "Writes one self-contained HTML report of fio or jfio JSON reports (json or json+).")
public final class ReportCommand {
    @Parameters(paramLabel = "RUN.json", arity = "1..*", description = "fio or jfio JSON reports")
    List<Path> runs = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "report.html",
            required = true,
            description = "the HTML file to write")
    Path output;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    boolean help;

    /**
     * Runs the command: a one-line error goes to {@code err}.
     *
     * @param args the arguments after {@code report}
     * @return 0, or 1 on bad input or an output that cannot be written
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        ReportCommand cmd = new ReportCommand();
        CommandLine cl = new CommandLine(cmd);
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            err.println(
                    "jfio report: " + e.getMessage() + " (usage: jfio report RUN.json [RUN2.json ...] -o report.html)");
            return 1;
        }
        if (cmd.help) {
            cl.usage(out);
            return 0;
        }
        try {
            cmd.write();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("jfio report: " + e.getMessage());
            return 1;
        }
    }

    private void write() {
        List<RunFile> files = new ArrayList<>();
        for (Path p : runs) {
            files.add(RunFile.read(p));
        }
        String title = "jfio report: "
                + String.join(", ", files.stream().map(RunFile::label).toList());
        String html = HtmlPage.render(title, JsonText.of(ReportModel.of(files)));
        try {
            Files.writeString(output, html, StandardCharsets.UTF_8);
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
