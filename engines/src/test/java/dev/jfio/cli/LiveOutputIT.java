package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.BundleProcess;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live output of the real command (the bundle in its own JVM, the null engine): fio's
 * cumulative --status-interval reports, jfio's --interval-stats lines adding up to the final
 * report, and the ETA line in the shape fio 3.33 prints for the same job (fio is run too).
 */
class LiveOutputIT {
    private static final String[] JOB = {
        "--name=x", "--ioengine=null", "--rw=randrw", "--bs=4k", "--size=1g", "--time_based", "--runtime=3500ms",
    };

    /** fio's ETA line: "Jobs: 1 (f=1), 0B/s-300MiB/s: [m(1)][60.0%][r=..,w=..][r=..,w=.. IOPS][eta 00m:02s]". */
    private static final Pattern FIO_ETA = Pattern.compile("Jobs: \\d+ \\(f=\\d+\\)(, \\S+B/s-\\S+B/s)?"
            + ": \\[([RWMrwmDdPIX_/]\\(\\d+\\),?)+\\]\\[(\\d{1,3}\\.\\d%|-\\.-%)\\]"
            + "(\\[[rwt]=[^\\]]+\\]\\[[rwt]=[^\\]]+ IOPS\\])?\\[eta (\\d\\dd:)?(\\d\\dh:)?\\d\\dm:\\d\\ds\\] *");

    @TempDir
    Path dir;

    @Test
    void statusIntervalWritesFullJsonReportsAndIntervalStatsAddUpToTheFinalOne() throws Exception {
        Path intervals = dir.resolve("intervals.jsonl");
        String stdout = run(
                "--numjobs=2",
                "--output-format=json",
                "--status-interval=1",
                "--interval-stats=500ms",
                "--interval-stats-output=" + intervals);
        List<Object> reports = jsonDocuments(stdout);
        // fio prints a whole JSON document every interval, then the final one: at 1, 2, 3 (and
        // perhaps 4) seconds here, as the jobs start a fraction of a second after the JVM
        assertTrue(reports.size() >= 3 && reports.size() <= 6, reports.size() + " reports: " + stdout);
        long previous = -1;
        for (Object report : reports) {
            long done = MiniJson.integer(report, "jobs", 0, "read", "io_bytes");
            assertTrue(done >= previous, "reports are cumulative");
            previous = done;
        }
        Object last = reports.get(reports.size() - 1);
        List<Object> lines = jsonLines(Files.readString(intervals));
        for (int clone = 0; clone < 2; clone++) {
            int c = clone;
            List<Object> mine = lines.stream()
                    .filter(l -> MiniJson.integer(l, "clone") == c)
                    .collect(Collectors.toList());
            assertTrue(mine.size() >= 4, "clone " + c + " has " + mine.size() + " intervals in 3.5 s of 500 ms");
            for (int i = 0; i < mine.size(); i++) {
                assertEquals(i == mine.size() - 1, MiniJson.at(mine.get(i), "last"), "only the last interval says so");
                assertEquals("job", MiniJson.at(mine.get(i), "scope"));
            }
            for (String dirName : List.of("read", "write")) {
                long ios = mine.stream()
                        .mapToLong(l -> MiniJson.integer(l, dirName, "ios"))
                        .sum();
                long bytes = mine.stream()
                        .mapToLong(l -> MiniJson.integer(l, dirName, "bytes"))
                        .sum();
                assertEquals(MiniJson.integer(last, "jobs", c, dirName, "total_ios"), ios, dirName + " I/Os");
                assertEquals(MiniJson.integer(last, "jobs", c, dirName, "io_bytes"), bytes, dirName + " bytes");
                assertTrue(ios > 0);
            }
            long time = -1;
            for (Object l : mine) {
                assertTrue(MiniJson.integer(l, "time_ms") >= time, "intervals in time order");
                time = MiniJson.integer(l, "time_ms");
                if (MiniJson.integer(l, "read", "ios") == 0) {
                    continue; // a last interval can be a moment long, without a completion
                }
                long p50 = MiniJson.integer(l, "read", "clat_ns", "p50");
                long max = MiniJson.integer(l, "read", "clat_ns", "max");
                assertTrue(p50 > 0 && p50 <= max, "p50 " + p50 + ", max " + max);
            }
        }
    }

    @Test
    void withGroupReportingIntervalStatsGoToStderrOneLinePerGroup() throws Exception {
        BundleProcess jfio = BundleProcess.start(
                dir,
                with(
                        JOB,
                        "--numjobs=2",
                        "--group_reporting",
                        "--output-format=json",
                        "--interval-stats=1",
                        "--eta=never"));
        assertEquals(0, jfio.waitFor(60), jfio.stderr());
        List<Object> lines = jsonLines(jfio.stderr());
        assertTrue(lines.size() >= 3, jfio.stderr());
        Object report = MiniJson.parse(jfio.stdout());
        long ios = 0;
        long most = 0;
        for (Object l : lines) {
            assertEquals("group", MiniJson.at(l, "scope"));
            ios += MiniJson.integer(l, "read", "ios");
            most = Math.max(most, MiniJson.integer(l, "jobs"));
        }
        // both clones' figures in a line (the last line may have only the clone that ended last)
        assertEquals(2, most);
        assertEquals(Boolean.TRUE, MiniJson.at(lines.get(lines.size() - 1), "last"));
        assertEquals(MiniJson.integer(report, "jobs", 0, "read", "total_ios"), ios, "the group's read I/Os");
    }

    @Test
    void theEtaLineHasFiosShapeForTheSameJob() throws Exception {
        String[] job = {
            "--name=e",
            "--ioengine=null",
            "--rw=randrw",
            "--bs=4k",
            "--size=100g",
            "--rate=200m,100m",
            "--time_based",
            "--runtime=4",
            "--eta=always"
        };
        List<String> fio = etaLines(runFio(job));
        BundleProcess jfio = BundleProcess.start(dir, with(job, "--output-format=json"));
        assertEquals(0, jfio.waitFor(60), jfio.stderr());
        List<String> ours = etaLines(jfio.stderr());
        MiniJson.parse(jfio.stdout()); // the ETA line stays off stdout: the JSON report is whole
        assertTrue(ours.size() >= 3, "jfio's ETA lines: " + ours);
        for (String line : ours) {
            assertTrue(FIO_ETA.matcher(line).matches(), "not fio's shape: '" + line + "'");
        }
        // fio's own lines (once it has an estimate, after 3 s) have the shape the pattern states ...
        List<String> fioFull = fio.stream().filter(l -> l.contains("[eta")).collect(Collectors.toList());
        assertTrue(!fioFull.isEmpty(), "fio printed no ETA line: " + fio);
        for (String line : fioFull) {
            assertTrue(FIO_ETA.matcher(line).matches(), "the pattern misses fio's line '" + line + "'");
        }
        // ... and the same fields: with numbers and units blanked, fio's usual line is among jfio's
        String fioShape = fioFull.stream()
                .map(LiveOutputIT::shape)
                .collect(Collectors.groupingBy(l -> l, Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        List<String> ourShapes = ours.stream().map(LiveOutputIT::shape).collect(Collectors.toList());
        assertTrue(ourShapes.contains(fioShape), fioShape + " not in " + ourShapes);
    }

    @Test
    void onATerminalTheEtaLineIsShownUnlessAskedNotTo() throws Exception {
        requireBinary("script", "bsdutils");
        String bundle = System.getProperty("jfio.bundle");
        Assumptions.assumeTrue(bundle != null, "runs in the integration-test phase");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " --enable-native-access=ALL-UNNAMED -jar " + bundle + " " + String.join(" ", JOB)
                + " --runtime=2500ms --eta-newline=1 --output=" + dir.resolve("report.txt");
        Path typescript = dir.resolve("typescript");
        Process p = new ProcessBuilder("script", "-q", "-e", "-c", command, typescript.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.out").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not end");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("script.out")));
        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        List<String> lines = etaLines(screen);
        assertTrue(
                !lines.isEmpty()
                        && lines.stream().allMatch(l -> FIO_ETA.matcher(l).matches()),
                screen);
        assertTrue(screen.contains("\n" + "Jobs: "), "--eta-newline starts a new line: " + screen);

        BundleProcess piped = BundleProcess.start(dir, with(JOB, "--runtime=1500ms"));
        assertEquals(0, piped.waitFor(60), piped.stderr());
        assertEquals("", piped.stderr(), "no ETA line when stderr is not a terminal (--eta=auto)");
    }

    private String run(String... extra) throws IOException, InterruptedException {
        BundleProcess jfio = BundleProcess.start(dir, with(JOB, extra));
        assertEquals(0, jfio.waitFor(60), jfio.stderr());
        return jfio.stdout();
    }

    private String runFio(String... args) throws IOException, InterruptedException {
        requireBinary("fio", "fio");
        List<String> command = new ArrayList<>(List.of("fio"));
        command.addAll(Arrays.asList(args));
        Path out = dir.resolve("fio.out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "fio did not end");
        assertEquals(0, p.exitValue(), Files.readString(out));
        return Files.readString(out);
    }

    /** The ETA lines in a stream: the pieces between carriage returns and newlines that start with "Jobs:". */
    private static List<String> etaLines(String text) {
        return Arrays.stream(text.split("[\r\n]+"))
                .filter(l -> l.startsWith("Jobs: "))
                .collect(Collectors.toList());
    }

    /** A line with its numbers and units blanked: "Jobs: N (f=N): [m(N)][N%][r=N,w=N][...". */
    private static String shape(String line) {
        return line.stripTrailing().replaceAll("\\d+(\\.\\d+)?([kMGT]i?)?(B/s)?", "N");
    }

    /** The JSON documents fio prints one after another, each starting on a line with "{". */
    private static List<Object> jsonDocuments(String text) {
        List<Object> docs = new ArrayList<>();
        for (String part : text.split("(?m)^(?=\\{)")) {
            if (!part.isBlank()) {
                docs.add(MiniJson.parse(part.strip()));
            }
        }
        return docs;
    }

    private static List<Object> jsonLines(String text) {
        return text.lines().filter(l -> l.startsWith("{")).map(MiniJson::parse).collect(Collectors.toList());
    }

    private static String[] with(String[] base, String... extra) {
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** Whether {@code binary} is on the PATH; when not, aborts (or fails under CI) naming {@code pkg}. */
    private static void requireBinary(String binary, String pkg) {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String d : env.getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return;
            }
        }
        String message = binary + " is not installed (Debian package " + pkg + ")";
        if ("true".equals(env.get("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
