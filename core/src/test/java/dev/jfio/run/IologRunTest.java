package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * write_iolog writes fio's iolog version 3 of what a job issued, as fio 3.33 writes it for the
 * same job; read_iolog replays such a log: the engine sees exactly the logged I/Os.
 */
class IologRunTest {
    /** Each I/O the engine was given: "target op offset length". */
    static final List<String> IOS = Collections.synchronizedList(new ArrayList<>());

    /** Records each I/O as "target op offset length" in {@link #IOS}. */
    public static final class Recorder extends InstantEngineProvider {
        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public String description() {
            return "records each I/O";
        }

        @Override
        protected void seen(IoUnit unit) {
            IOS.add(unit.target().name() + " " + IologWriterNames.of(unit.op()) + " " + unit.offset() + " "
                    + unit.length());
        }
    }

    /** The recorder as a diskless engine with one target of its own, as nbd's export or null's. */
    public static final class DisklessRecorder implements IoEngineProvider {
        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public String description() {
            return "records each I/O to its one target";
        }

        @Override
        public java.util.Set<EngineFlag> flags() {
            return java.util.Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.DISKLESS);
        }

        @Override
        public IoEngine create(JobView job) {
            IoEngine recorder = new Recorder().create(job);
            return new IoEngine() {
                @Override
                public void setup(SetupContext setup) {
                    setup.setTargets(List.of(new IoTarget("export")));
                }

                @Override
                public QueueResult queue(IoUnit unit) throws IOException {
                    return recorder.queue(unit);
                }
            };
        }
    }

    /** fio's iolog names of the ops. */
    static final class IologWriterNames {
        static String of(dev.jfio.spi.IoOp op) {
            return switch (op) {
                case READ -> "read";
                case WRITE -> "write";
                case TRIM -> "trim";
                case FLUSH -> "sync";
            };
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        IOS.clear();
    }

    private Runner.Outcome jfio(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--name=t", "--ioengine=recorder"));
        args.addAll(List.of(options));
        return new OneEngineRun(dir, Recorder.class).run(args.toArray(new String[0]));
    }

    /** The log's lines without their timestamps (v3: the first field). */
    private static List<String> untimed(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            out.add(line.startsWith("fio version") ? line : line.substring(line.indexOf(' ') + 1));
        }
        return out;
    }

    /** fio 3.33's iolog for the same options on its null engine, without timestamps. */
    private List<String> fio(String... options) throws Exception {
        requireFio();
        Path log = dir.resolve("fio.iolog");
        Files.deleteIfExists(log); // fio appends to an iolog
        List<String> command = new ArrayList<>(List.of(
                "fio", "--name=t", "--ioengine=null", "--write_iolog=" + log, "--output=" + dir.resolve("fio.out")));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("fio failed: " + command + "\n" + out);
        }
        return untimed(log);
    }

    private static void requireFio() {
        boolean present = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(d, "fio"));
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("fio 3.33 is needed to compare with (Debian: apt-get install fio)");
        }
        assumeTrue(present, "needs fio to compare with (Debian: apt-get install fio)");
    }

    @Test
    void writeIologRecordsEachIssuedIoInFioVersion3Format() throws Exception {
        Path log = dir.resolve("w.iolog");
        Runner.Outcome outcome =
                jfio("--filename=f0", "--rw=write", "--bs=8k", "--size=32k", "--fsync=2", "--write_iolog=" + log);
        assertEquals(0, outcome.exitCode());
        List<String> lines = Files.readAllLines(log);
        assertEquals("fio version 3 iolog", lines.get(0));
        List<String> expected = List.of(
                "fio version 3 iolog",
                "f0 add",
                "f0 open",
                "f0 write 0 8192",
                "f0 write 8192 8192",
                "f0 sync 0 0",
                "f0 write 16384 8192",
                "f0 write 24576 8192",
                "f0 close"); // as fio: no sync after the last write
        assertEquals(expected, untimed(log));
        long previous = 0;
        for (String line : lines.subList(1, lines.size())) {
            long micros = Long.parseLong(line.substring(0, line.indexOf(' ')));
            assertTrue(micros >= previous, "timestamps never go back: " + lines);
            previous = micros;
        }
        assertEquals(IOS.size(), 5, "the engine saw what the log says: " + IOS);
    }

    @Test
    void writeIologAppendsAsFioDoes() throws Exception {
        Path log = dir.resolve("a.iolog");
        jfio("--filename=f0", "--rw=read", "--bs=4k", "--size=8k", "--write_iolog=" + log);
        jfio("--filename=f0", "--rw=read", "--bs=4k", "--size=8k", "--write_iolog=" + log);
        List<String> once =
                List.of("fio version 3 iolog", "f0 add", "f0 open", "f0 read 0 4096", "f0 read 4096 4096", "f0 close");
        List<String> twice = new ArrayList<>(once);
        twice.addAll(once);
        assertEquals(twice, untimed(log));
    }

    @Test
    void writeIologMatchesFiosIologLineForLineForASequentialJob() throws Exception {
        String[] options = {"--filename=t0", "--rw=read:512k", "--bs=64k", "--size=1m"};
        List<String> expected = fio(options);
        Path log = dir.resolve("j.iolog");
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--write_iolog=" + log);
        jfio(args.toArray(new String[0]));
        assertEquals(expected, untimed(log));
    }

    /** The I/O lines of an iolog ("FILE op OFFSET LENGTH"), as the recorder engine names what it sees. */
    private static List<String> ios(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : untimed(log)) {
            String[] f = line.split(" ");
            if (f.length == 4 && !line.startsWith("fio version")) {
                out.add(line);
            }
        }
        return out;
    }

    private Path logOf(String... lines) throws IOException {
        Path log = dir.resolve("hand" + IOS.size() + "-" + System.nanoTime() + ".iolog");
        Files.write(log, List.of(lines));
        return log;
    }

    @Test
    void readIologReplaysExactlyTheIosAWriteIologRecorded() throws Exception {
        Path log = dir.resolve("rt.iolog");
        jfio("--filename=f0:f1", "--rw=randrw", "--bsrange=4k-16k", "--size=256k", "--write_iolog=" + log);
        List<String> recorded = new ArrayList<>(IOS);
        assertTrue(recorded.size() > 20, "a mixed random job ran: " + recorded);
        assertEquals(recorded, ios(log), "the log holds what the engine saw");
        IOS.clear();
        Runner.Outcome outcome = jfio("--read_iolog=" + log, "--replay_no_stall=1");
        assertEquals(0, outcome.exitCode());
        assertEquals(recorded, IOS);
        IOS.clear();
        jfio("--read_iolog=" + log, "--replay_no_stall=1", "--read_iolog_chunked=1");
        assertEquals(recorded, IOS, "read_iolog_chunked replays the same I/Os");
    }

    @Test
    void readIologReplaysAnIologFio333Wrote() throws Exception {
        List<String> fioLog = fio("--filename=t0", "--rw=randrw", "--bsrange=4k-64k", "--size=1m", "--randseed=7");
        List<String> expected = new ArrayList<>();
        for (String line : fioLog) {
            if (line.split(" ").length == 4 && !line.startsWith("fio version")) {
                expected.add(line);
            }
        }
        assertTrue(expected.size() > 10, "fio logged I/O: " + fioLog);
        Runner.Outcome outcome = jfio("--read_iolog=" + dir.resolve("fio.iolog"));
        assertEquals(0, outcome.exitCode());
        assertEquals(expected, IOS);
    }

    @Test
    void readIologReplaysVersion2WithItsSyncsAndFileActions() throws Exception {
        Path log = logOf(
                "fio version 2 iolog",
                "a add",
                "b add",
                "a open",
                "b open",
                "a write 8192 4096",
                "b read 0 512",
                "a sync 0 0",
                "a datasync 0 0",
                "b trim 4096 4096",
                "a close",
                "b close");
        Runner.Outcome outcome = jfio("--read_iolog=" + log);
        assertEquals(0, outcome.exitCode());
        assertEquals(List.of("a write 8192 4096", "b read 0 512", "a sync 0 0", "a sync 0 0", "b trim 4096 4096"), IOS);
    }

    @Test
    void replayOptionsScaleAlignSkipAndRedirectTheLoggedIos() throws Exception {
        Path log = logOf(
                "fio version 3 iolog",
                "0 a add",
                "1 b add",
                "2 a open",
                "3 b open",
                "4 a write 10000 4096",
                "5 b read 20000 4096",
                "6 a sync 0 0",
                "7 b trim 40960 8192");
        jfio("--read_iolog=" + log, "--replay_scale=2", "--replay_align=4096");
        assertEquals(List.of("a write 4096 4096", "b read 8192 4096", "a sync 0 0", "b trim 20480 8192"), IOS);
        IOS.clear();
        jfio("--read_iolog=" + log, "--replay_skip=write,sync", "--replay_redirect=c");
        assertEquals(List.of("c read 20000 4096", "c trim 40960 8192"), IOS);
    }

    @Test
    void version3TimestampsPaceTheReplayUnlessReplayNoStall() throws Exception {
        Path log = logOf(
                "fio version 3 iolog",
                "1 a add",
                "2 a open",
                "3 a read 0 4096",
                "1000000 a read 4096 4096",
                "2000000 a read 8192 4096",
                "2000001 a close");
        OneEngineRun run = new OneEngineRun(dir, Recorder.class);
        run.run("--name=t", "--ioengine=recorder", "--read_iolog=" + log);
        assertEquals(3, IOS.size());
        assertTrue(run.runMillis >= 1900, "2 s of log took " + run.runMillis + " ms");
        IOS.clear();
        run.run("--name=t", "--ioengine=recorder", "--read_iolog=" + log, "--replay_time_scale=200");
        assertTrue(run.runMillis >= 950 && run.runMillis < 1900, "twice as fast took " + run.runMillis + " ms");
        IOS.clear();
        run.run("--name=t", "--ioengine=recorder", "--read_iolog=" + log, "--replay_no_stall=1");
        assertEquals(3, IOS.size());
        assertTrue(run.runMillis < 950, "without stalls took " + run.runMillis + " ms");
    }

    @Test
    void logsJfioCannotReplayAreRefusedNamingTheLogAndLine() throws Exception {
        Path bad = logOf("fio version 3 iolog", "0 a add", "1 a open", "2 a frob 0 4096");
        SetupFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                SetupFailedException.class, () -> jfio("--read_iolog=" + bad));
        assertTrue(e.getMessage().contains(bad + ":4: unknown action 'frob'"), e.getMessage());
        Path blktrace = dir.resolve("trace.bin");
        Files.write(blktrace, new byte[] {0x07, 0x74, 0x61, 0x65, 0, 0, 0, 0});
        e = org.junit.jupiter.api.Assertions.assertThrows(
                SetupFailedException.class, () -> jfio("--read_iolog=" + blktrace));
        assertTrue(e.getMessage().contains("blktrace binary trace"), e.getMessage());
        Path unadded = logOf("fio version 2 iolog", "a read 0 4096");
        e = org.junit.jupiter.api.Assertions.assertThrows(
                SetupFailedException.class, () -> jfio("--read_iolog=" + unadded));
        assertTrue(e.getMessage().contains(":2: file a was not added"), e.getMessage());
        dev.jfio.job.JobSpecException merge = org.junit.jupiter.api.Assertions.assertThrows(
                dev.jfio.job.JobSpecException.class,
                () -> jfio("--read_iolog=" + unadded, "--merge_blktrace_file=m.bin"));
        assertTrue(merge.getMessage().contains("merge_blktrace_file merges blktrace"), merge.getMessage());
    }

    @Test
    void aDisklessEnginesOneTargetTakesEveryLoggedFile() throws Exception {
        Path log = logOf(
                "fio version 2 iolog", "a add", "b add", "a open", "b open", "a write 0 4096", "b read 8192 4096");
        Runner.Outcome outcome = new OneEngineRun(dir, DisklessRecorder.class)
                .run("--name=t", "--ioengine=recorder", "--read_iolog=" + log);
        assertEquals(0, outcome.exitCode());
        assertEquals(List.of("export write 0 4096", "export read 8192 4096"), IOS);
    }

    @Test
    void readonlyDropsTheLogsWritesAndTrimsAsFioDoes() throws Exception {
        Path log = logOf("fio version 2 iolog", "a add", "a open", "a write 0 4096", "a read 0 4096", "a trim 0 4096");
        OneEngineRun run = new OneEngineRun(dir, Recorder.class);
        run.readOnly = true;
        Runner.Outcome outcome = run.run("--name=t", "--ioengine=recorder", "--read_iolog=" + log);
        assertEquals(0, outcome.exitCode());
        assertEquals(List.of("a read 0 4096"), IOS);
    }
}
