package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.CoreOptions;
import dev.jfio.spi.EngineOption;
import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed input, as a new user types it, ends in exactly one line on stderr, a non-zero exit,
 * nothing on stdout and no stack trace, quickly.
 *
 * <p>The corpus lives in {@code src/test/resources/bad-input/}: a case is {@code NAME.fio} (run as
 * {@code jfio DIR/NAME.fio}) or {@code NAME.args} (the command line, one argument per line), and
 * {@code NAME.expected} holds the exact stderr line. In both, {@code {dir}} stands for the corpus
 * directory's absolute path. {@code good/} holds valid job files that cases refer to.
 */
class BadInputCorpusTest {
    private static final Duration PER_RUN = Duration.ofSeconds(5);
    private static final int MUTANTS = 120;

    @TestFactory
    Stream<DynamicTest> everyCorpusCaseFailsWithItsExactOneLineMessage() throws IOException {
        Path dir = corpusDir();
        List<Path> cases = corpusCases(dir);
        assertTrue(cases.size() >= 60, "corpus has only " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c, dir)));
    }

    @Test
    void everyExpectedFileBelongsToACaseAndEveryCaseHasOne() throws IOException {
        Path dir = corpusDir();
        Set<String> cases = new TreeSet<>();
        for (Path c : corpusCases(dir)) {
            cases.add(stem(c));
        }
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(Path::getFileName)
                    .map(Path::toString)
                    .filter(n -> n.endsWith(".expected"))
                    .forEach(n -> expected.add(n.substring(0, n.length() - ".expected".length())));
        }
        assertEquals(cases, expected);
    }

    @Test
    void unreadableJobFileIsReportedAsPermissionDenied(@TempDir Path tmp) throws IOException {
        Path job = tmp.resolve("secret.fio");
        Files.writeString(job, "[job]\nioengine=null\nsize=1m\n");
        Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("---------"));
        try {
            // root reads a chmod 000 file; a write-only sysctl refuses reading even to root
            Path unreadable = Files.isReadable(job) ? Path.of("/proc/sys/vm/drop_caches") : job;
            assertFalse(Files.isReadable(unreadable), unreadable + " is readable");
            JfioRun r = runWithin(unreadable.toString());
            assertOneLineFailure(r, "jfio: cannot read job file " + unreadable + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /**
     * {@value #MUTANTS} seeded mutations of valid job files (characters dropped, doubled or garbled,
     * lines dropped or repeated, random catalog options with awkward values), about two seconds. Each is parsed
     * (as a file, or as command-line options): it succeeds or fails with one line, nothing on stdout.
     * A mutant file that parses is also run, bounded by command-line overrides (runtime=100ms,
     * numjobs=1, no delays): it may fail, but never with an exception or a stack trace. Nothing may hang.
     */
    @Test
    void mutatedJobFilesParseOrFailWithOneLineAndNoStackTrace(@TempDir Path tmp) throws IOException {
        Random random = new Random(0x5EED_BAD1L);
        List<String> names = optionNames();
        // a fixed number of mutants keeps the outcome independent of the machine's speed; the
        // deadline only stops a very slow machine early
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        List<String> problems = new ArrayList<>();
        int runs = 0;
        int failures = 0;
        while (runs < MUTANTS && (runs < 20 || System.nanoTime() < deadline)) {
            String job = mutate(VALID_JOBS[random.nextInt(VALID_JOBS.length)], random, names);
            List<String> args = new ArrayList<>();
            args.add("--parse-only");
            if (random.nextInt(4) == 0) {
                args.addAll(asCommandLine(job));
            } else {
                Path file = tmp.resolve("mutant-" + runs + ".fio");
                Files.writeString(file, job, StandardCharsets.UTF_8);
                args.add(file.toString());
            }
            JfioRun r = runWithin(args.toArray(new String[0]));
            runs++;
            if (r.exit() != 0) {
                failures++;
            }
            String problem = !r.out().isEmpty()
                    ? "stdout not empty"
                    : hasStackTrace(r)
                            ? "exception on stderr"
                            : r.exit() != 0 && !isOneErrorLine(r.err()) ? "not one line on stderr" : null;
            if (problem != null) {
                problems.add(problem + " for mutant\n" + job + "args " + args + "\n" + r);
                continue;
            }
            if (r.exit() == 0 && args.size() == 2) {
                JfioRun full = runWithin(
                        args.get(1),
                        "--runtime=100ms",
                        "--startdelay=0",
                        "--ramp_time=0",
                        "--thinktime=0",
                        "--numjobs=1",
                        "--output-format=json");
                if (hasStackTrace(full) || (full.exit() != 0 && full.out().isEmpty() && !isOneErrorLine(full.err()))) {
                    problems.add("bad failure when run in full, mutant\n" + job + full);
                }
            }
        }
        assertTrue(
                problems.isEmpty(),
                problems.size() + " of " + runs + " mutants went wrong; the first:\n"
                        + String.join("\n----\n", problems.subList(0, Math.min(3, problems.size()))));
        // the mutations must exercise both outcomes, or they test nothing
        assertTrue(failures > 0 && failures < runs, failures + " of " + runs + " runs failed");
    }

    /**
     * What looks odd but fio accepts runs: two sections with one name (two jobs), a byte order mark
     * and CRLF line ends, {@code random_distribution=zipf} without theta, {@code bs=8k,}.
     */
    @TestFactory
    Stream<DynamicTest> oddButValidJobFilesRunWithoutComplaint() throws IOException {
        Path good = corpusDir().resolve("good");
        List<Path> files;
        try (Stream<Path> list = Files.list(good)) {
            files = list.filter(p -> p.toString().endsWith(".fio")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 5, "good/ has only " + files.size() + " job files");
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    JfioRun r = runWithin(f.toString(), "--output-format=json");
                    Object doc = r.json();
                    assertEquals("", r.err(), r.toString());
                    long sections = Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                            .filter(l -> l.replace("\uFEFF", "").startsWith("["))
                            .count();
                    assertEquals(sections, ((List<?>) MiniJson.at(doc, "jobs")).size(), r.out());
                }));
    }

    /** Valid block sizes that are not multiples of the page size: a new user's bs=512 must run, not crash. */
    @Test
    void blockSizesThatAreNotPageMultiplesRunOnTheNullEngine() {
        for (String bs : List.of("--bs=512", "--bs=1k", "--bs=5000", "--bsrange=4k-166k")) {
            JfioRun r =
                    runWithin("--name=b", "--ioengine=null", "--size=1m", "--rw=randread", bs, "--output-format=json");
            assertEquals(0, r.exit(), bs + "\n" + r);
            assertEquals("", r.err(), bs + "\n" + r);
        }
    }

    // ------------------------------------------------------------------ corpus

    private static void check(Path caseFile, Path dir) throws IOException {
        String name = caseFile.getFileName().toString();
        String[] args;
        if (name.endsWith(".fio")) {
            args = new String[] {caseFile.toString()};
        } else {
            args = Files.readAllLines(caseFile, StandardCharsets.UTF_8).stream()
                    .map(a -> a.replace("{dir}", dir.toString()))
                    .toArray(String[]::new);
        }
        Path expectedFile = dir.resolve(stem(caseFile) + ".expected");
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName());
        String expected =
                Files.readString(expectedFile, StandardCharsets.UTF_8).strip().replace("{dir}", dir.toString());
        assertOneLineFailure(runWithin(args), expected);
    }

    private static void assertOneLineFailure(JfioRun r, String expectedLine) {
        assertNotEquals(0, r.exit(), r.toString());
        assertEquals("", r.out(), "stdout must stay empty; " + r);
        assertNoStackTrace(r, r.toString());
        assertEquals(expectedLine + "\n", r.err(), r.toString());
    }

    private static void assertNoStackTrace(JfioRun r, String context) {
        assertFalse(hasStackTrace(r), "stack trace on stderr; " + context);
    }

    private static boolean hasStackTrace(JfioRun r) {
        return r.err().contains("Exception")
                || r.err().contains("at dev.")
                || r.err().contains("\tat ");
    }

    private static boolean isOneErrorLine(String err) {
        return err.startsWith("jfio: ") && err.endsWith("\n") && err.indexOf('\n') == err.length() - 1;
    }

    private static JfioRun runWithin(String... args) {
        return assertTimeoutPreemptively(PER_RUN, () -> JfioRun.run(args), () -> "jfio hung on " + List.of(args));
    }

    private static Path corpusDir() {
        URL url = BadInputCorpusTest.class.getResource("/bad-input");
        assertTrue(url != null, "bad-input corpus not on the test classpath");
        try {
            return Path.of(url.toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> corpusCases(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".fio") || p.toString().endsWith(".args"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static String stem(Path caseFile) {
        String n = caseFile.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    // ------------------------------------------------------------------ mutations

    private static final String[] VALID_JOBS = {
        "[global]\nioengine=null\nsize=4m\n\n[seq]\nrw=read\nbs=64k\n\n[rand]\nrw=randwrite\nbs=4k\niodepth=4\n",
        "[mix]\nioengine=null\nsize=8m\nrw=randrw\nrwmixread=70\nbssplit=4k/50:64k/50\nnumjobs=2\n",
        "; a comment\n[rate]\nioengine=null\nsize=1m\nrw=randread\nrate_iops=1000\nrandom_distribution=zipf:1.2\n"
                + "percentile_list=50:99:99.9\n",
        "[ranged]\nioengine=null\nsize=2m\nbsrange=4k-16k,8k\nrw=readwrite\ncontinue_on_error=read\n",
    };

    private static final String GARBLE = "=[],:-/%$#;\n\t x0\u0000\u00ff";

    private static final String[] AWKWARD_VALUES = {
        "",
        "0",
        "-1",
        "1",
        "4k",
        "1m",
        "10%",
        "150",
        "99999999999999999999",
        "abc",
        "4k-1k",
        "4k/50:8k/40",
        "zipf:1",
        "pareto:0",
        "normal:200",
        "1:2:3",
        ",",
        "4k,",
        ",4k,,",
        "${JFIO_UNSET_FUZZ}",
        "(1+",
        "(4k*2)",
        "randrw",
        "bogus",
        "1s",
        "1ms",
        "-5s",
        "external:/missing.jar",
        "null",
        "0x10",
        "1e3",
        "yes",
        "maybe",
        "\u00e9\u00e8",
        "[x]",
    };

    private static List<String> optionNames() {
        Set<String> names = new TreeSet<>(CoreOptions.names());
        EngineRegistry engines = EngineRegistry.load(BadInputCorpusTest.class.getClassLoader(), List.of());
        for (Map.Entry<String, List<EngineOption<?>>> e :
                engines.optionsByEngine().entrySet()) {
            for (EngineOption<?> o : e.getValue()) {
                names.add(o.name());
            }
        }
        return new ArrayList<>(names);
    }

    private static String mutate(String job, Random random, List<String> names) {
        StringBuilder sb = new StringBuilder(job);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(6)) {
                case 0:
                    sb.deleteCharAt(at);
                    break;
                case 1:
                    sb.insert(at, sb.charAt(at));
                    break;
                case 2:
                    sb.setCharAt(at, GARBLE.charAt(random.nextInt(GARBLE.length())));
                    break;
                case 3:
                    sb.insert(
                            lineStart(sb, at),
                            names.get(random.nextInt(names.size())) + "="
                                    + AWKWARD_VALUES[random.nextInt(AWKWARD_VALUES.length)] + "\n");
                    break;
                case 4:
                    sb.insert(lineStart(sb, at), names.get(random.nextInt(names.size())) + "\n");
                    break;
                default:
                    int start = lineStart(sb, at);
                    int end = sb.indexOf("\n", at);
                    String line = sb.substring(start, end < 0 ? sb.length() : end + 1);
                    if (random.nextBoolean()) {
                        sb.delete(start, start + line.length());
                    } else {
                        sb.insert(start, line);
                    }
                    break;
            }
            if (sb.length() == 0) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static int lineStart(StringBuilder sb, int at) {
        int nl = sb.lastIndexOf("\n", Math.max(0, at - 1));
        return at == 0 || nl < 0 ? 0 : nl + 1;
    }

    /** The job file's lines as command-line options; each section header becomes --name. */
    private static List<String> asCommandLine(String job) {
        List<String> args = new ArrayList<>();
        for (String line : job.split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith(";") || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                String section = t.substring(1, t.length() - 1);
                if (!section.equals("global")) {
                    args.add("--name=" + section);
                }
            } else {
                args.add("--" + t);
            }
        }
        return args;
    }
}
