package dev.jfio.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ioengine=external:PATH} set in a {@code [global]} section, in an included file or on the
 * command line takes the engine's own option ({@code ramdisk_size} of examples/third-party-engine)
 * before or after it. The jobs set no size, so the bytes read are the ramdisk's size: the option
 * reached the engine. The jar is the one the invoker built (see {@link ExampleEngineJar}).
 */
class ExternalEngineOptionsIT {
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheExample() {
        jar = ExampleEngineJar.path();
    }

    private Path write(String name, String... lines) throws IOException {
        List<String> text = new ArrayList<>();
        for (String line : lines) {
            text.add(line.replace("JAR", jar.toString()));
        }
        return Files.write(dir.resolve(name), text);
    }

    /** The bytes the one job read, from jfio's JSON report; fails with stderr when jfio fails. */
    private static long bytesRead(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--output-format=json");
        JfioRun run = JfioRun.run(all.toArray(new String[0]));
        assertEquals(0, run.exit(), "jfio " + all + ": " + run.err());
        Matcher m = Pattern.compile("\"read\"\\s*:\\s*\\{\\s*\"io_bytes\"\\s*:\\s*(\\d+)")
                .matcher(run.out());
        assertTrue(m.find(), "no read io_bytes in " + run.out());
        return Long.parseLong(m.group(1));
    }

    @Test
    void engineInGlobalTakesItsOptionBeforeIt() throws IOException {
        Path job =
                write("job.fio", "[global]", "ramdisk_size=2m", "ioengine=external:JAR", "[mem]", "rw=read", "bs=4k");
        assertEquals(2 << 20, bytesRead(job.toString()));
    }

    @Test
    void engineInGlobalTakesItsOptionAfterItInTheJob() throws IOException {
        Path job =
                write("job.fio", "[global]", "ioengine=external:JAR", "[mem]", "rw=read", "bs=4k", "ramdisk_size=3m");
        assertEquals(3 << 20, bytesRead(job.toString()));
    }

    @Test
    void engineInAnIncludedFileTakesItsOptionBeforeTheInclude() throws IOException {
        write("engine.inc", "ioengine=external:JAR");
        Path job = write("job.fio", "[mem]", "ramdisk_size=2m", "include engine.inc", "rw=read", "bs=4k");
        assertEquals(2 << 20, bytesRead(job.toString()));
    }

    @Test
    void engineInAnIncludedFileTakesItsOptionAfterTheInclude() throws IOException {
        write("engine.inc", "[global]", "ioengine=external:JAR");
        Path job = write("job.fio", "include engine.inc", "[mem]", "rw=read", "bs=4k", "ramdisk_size=3m");
        assertEquals(3 << 20, bytesRead(job.toString()));
    }

    @Test
    void engineOnTheCommandLineBeforeTheJobFileTakesItsOptionAfterIt() throws IOException {
        Path job = write("job.fio", "[mem]", "rw=read", "bs=4k");
        assertEquals(2 << 20, bytesRead("--ioengine=external:" + jar, job.toString(), "--ramdisk_size=2m"));
    }

    @Test
    void engineOnTheCommandLineAfterTheJobFileTakesItsOptionBeforeIt() throws IOException {
        Path job = write("job.fio", "[mem]", "rw=read", "bs=4k");
        assertEquals(3 << 20, bytesRead("--ramdisk_size=3m", job.toString(), "--ioengine=external:" + jar));
    }

    @Test
    void engineOnTheCommandLineTakesItsOptionFromTheJobFile() throws IOException {
        Path job = write("job.fio", "[mem]", "ramdisk_size=4m", "rw=read", "bs=4k");
        assertEquals(4 << 20, bytesRead(job.toString(), "--ioengine=external:" + jar));
    }

    @Test
    void engineInTheJobFileTakesItsOptionFromTheCommandLine() throws IOException {
        Path job = write("job.fio", "[mem]", "ioengine=external:JAR", "rw=read", "bs=4k");
        assertEquals(5 << 20, bytesRead("--ramdisk_size=5m", job.toString()));
    }

    @Test
    void engineHelpDescribesAnEngineThatAnIncludedFileLoads() throws IOException {
        write("engine.inc", "ioengine=external:JAR");
        Path job = write("job.fio", "[mem]", "include engine.inc");
        JfioRun run = JfioRun.run("--enghelp=ramdisk", job.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("ramdisk_size"), run.out());
    }
}
