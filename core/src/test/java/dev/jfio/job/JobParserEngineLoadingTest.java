package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jfio.spi.EngineOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that {@code ioengine=external:PATH} loads is loaded before any option is checked, so
 * its options are accepted before or after the {@code ioengine} line, in {@code [global]}, in an
 * included file and on the command line; mistakes are still reported in the order of the input.
 */
class JobParserEngineLoadingTest {
    private static final EngineOption<Long> RAM_SIZE = EngineOption.size("ram_size", 1L << 20, "ramdisk size");

    @TempDir
    Path dir;

    /** Engines where {@code external:ram.jar} loads engine "ram" (option ram_size) on first use. */
    private static final class LoadingEngines implements JobEngines {
        final List<String> loaded = new ArrayList<>();

        @Override
        public String resolve(String ioengine) {
            if (ioengine.equals("external:ram.jar")) {
                if (!loaded.contains("ram")) {
                    loaded.add("ram");
                }
                return "ram";
            }
            if (ioengine.startsWith("external:")) {
                throw new IllegalArgumentException("engine jar " + ioengine.substring(9) + " does not exist");
            }
            if (ioengine.equals("psync") || ioengine.equals("null")) {
                return ioengine.equals("psync") ? "file" : "null";
            }
            throw new IllegalArgumentException("unknown ioengine '" + ioengine + "'");
        }

        @Override
        public OptionCatalog catalog() {
            Map<String, List<EngineOption<?>>> options = new LinkedHashMap<>();
            options.put("file", List.of());
            options.put("null", List.of());
            if (loaded.contains("ram")) {
                options.put("ram", List.of(RAM_SIZE));
            }
            return new OptionCatalog(options, Map.of("psync", "file"));
        }
    }

    private final LoadingEngines engines = new LoadingEngines();

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private JobSet parse(List<Path> files, String... args) {
        return new JobParser(engines, Map.of(), new SystemValues(8, 4096, 16384)).parse(files, List.of(args), Set.of());
    }

    private String error(List<Path> files, String... args) {
        return assertThrows(JobSpecException.class, () -> parse(files, args)).getMessage();
    }

    private static long ramSize(JobSet set) {
        JobSpec job = set.jobs().get(0);
        assertEquals("ram", job.ioengine());
        return (Long) job.engineOption("ram_size");
    }

    @Test
    void engineOptionAfterItsIoengineLineReachesTheJob() throws IOException {
        Path f = write("a.fio", "[j]", "ioengine=external:ram.jar", "ram_size=4m");
        assertEquals(4L << 20, ramSize(parse(List.of(f))));
    }

    @Test
    void engineOptionBeforeItsIoengineLineReachesTheJob() throws IOException {
        Path f = write("a.fio", "[j]", "ram_size=4m", "ioengine=external:ram.jar");
        assertEquals(4L << 20, ramSize(parse(List.of(f))));
    }

    @Test
    void externalEngineInGlobalTakesItsOptionBeforeOrAfterIt() throws IOException {
        Path before = write("before.fio", "[global]", "ram_size=2m", "ioengine=external:ram.jar", "[j]");
        Path after = write("after.fio", "[global]", "ioengine=external:ram.jar", "[j]", "ram_size=3m");
        assertEquals(2L << 20, ramSize(parse(List.of(before))));
        assertEquals(3L << 20, ramSize(parse(List.of(after))));
    }

    @Test
    void externalEngineInAnIncludedFileTakesItsOptionBeforeOrAfterTheInclude() throws IOException {
        write("engine.inc", "ioengine=external:ram.jar");
        Path before = write("before.fio", "[j]", "ram_size=2m", "include engine.inc");
        Path after = write("after.fio", "[global]", "include engine.inc", "[j]", "ram_size=3m");
        assertEquals(2L << 20, ramSize(parse(List.of(before))));
        assertEquals(3L << 20, ramSize(parse(List.of(after))));
    }

    @Test
    void externalEngineOnTheCommandLineTakesItsOptionFromTheFileOrTheCommandLine() throws IOException {
        Path f = write("a.fio", "[j]", "ram_size=2m");
        assertEquals(2L << 20, ramSize(parse(List.of(f), "--ioengine=external:ram.jar")));
        assertEquals(5L << 20, ramSize(parse(List.of(), "--ram_size=5m", "--name=j", "--ioengine=external:ram.jar")));
        Path plain = write("plain.fio", "[j]", "ioengine=external:ram.jar");
        assertEquals(6L << 20, ramSize(parse(List.of(plain), "--ram_size=6m")));
    }

    @Test
    void engineThatCannotBeLoadedIsReportedAtItsLineFirst() throws IOException {
        Path inc = write("engine.inc", "ioengine=external:/missing.jar");
        Path f = write("a.fio", "[j]", "bogus_option=1", "include engine.inc");
        assertEquals(inc + ":1: engine jar /missing.jar does not exist", error(List.of(f)));
        assertEquals(
                "command line:1: engine jar /gone.jar does not exist",
                error(List.of(f), "--ioengine=external:/gone.jar"));
    }

    @Test
    void anUnknownOptionBeforeASyntaxErrorIsReportedFirst() throws IOException {
        Path f = write("a.fio", "[j]", "bogus_option=1", "[unterminated");
        assertEquals(f + ":2: unknown option 'bogus_option'", error(List.of(f)));
        Path g = write("b.fio", "[j]", "[unterminated", "bogus_option=1");
        assertEquals(g + ":2: unterminated section header '[unterminated' (missing ']')", error(List.of(g)));
    }

    @Test
    void anUnknownOptionInTheFilesIsReportedBeforeAMistakeOnTheCommandLine() throws IOException {
        Path f = write("a.fio", "[j]", "bogus_option=1");
        assertEquals(f + ":2: unknown option 'bogus_option'", error(List.of(f), "oops"));
        Path ok = write("ok.fio", "[j]", "ioengine=null", "size=1m");
        assertEquals(
                "command line:2: expected --option or --option=value, got 'oops'",
                error(List.of(ok), "--size=1m", "oops", "--bogus_option"));
        assertEquals("command line:1: unknown option 'bogus_option'", error(List.of(ok), "--bogus_option", "oops"));
    }

    @Test
    void loadEnginesLoadsWhatTheJobsNameDespiteOtherMistakes() throws IOException {
        write("engine.inc", "ioengine=external:ram.jar");
        Path f = write("a.fio", "[j]", "bogus_option=1", "include engine.inc", "[unterminated");
        new JobParser(engines, Map.of()).loadEngines(List.of(f), List.of("--also-bogus"));
        assertEquals(List.of("ram"), engines.loaded);
    }
}
