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

    /** Completes every I/O at once on 1 MiB targets and records it. */
    public static final class Recorder implements IoEngineProvider {
        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public String description() {
            return "records each I/O";
        }

        @Override
        public java.util.Set<EngineFlag> flags() {
            return java.util.Set.of(EngineFlag.SYNCHRONOUS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(1 << 20);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    IOS.add(unit.target().name() + " " + IologWriterNames.of(unit.op()) + " " + unit.offset() + " "
                            + unit.length());
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
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
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
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
                "f0 sync 0 0",
                "f0 close");
        assertEquals(expected, untimed(log));
        long previous = 0;
        for (String line : lines.subList(1, lines.size())) {
            long micros = Long.parseLong(line.substring(0, line.indexOf(' ')));
            assertTrue(micros >= previous, "timestamps never go back: " + lines);
            previous = micros;
        }
        assertEquals(IOS.size(), 6, "the engine saw what the log says: " + IOS);
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
}
