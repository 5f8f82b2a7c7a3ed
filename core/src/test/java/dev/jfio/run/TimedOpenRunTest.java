package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.JobParser;
import dev.jfio.job.JobSet;
import dev.jfio.job.OptionCatalog;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.JobResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the runner drives an engine whose opens are the measured operation
 * ({@link EngineFlag#TIMED_OPEN}, fio's filecreate and its kin), against one that is not: when it
 * opens and closes each file, what it records for the opens and for the I/Os, and what a failed
 * open leaves in the report.
 */
class TimedOpenRunTest {
    private static final long OPEN_NANOS = 7_000;
    /** What the engines did, in order: "open NAME", "io NAME OFFSET", "close NAME". */
    private static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());
    /** The number of the open (from 1) that fails with ENOENT; 0: none fails. */
    private static final AtomicInteger FAILING_OPEN = new AtomicInteger();

    /** Opens nothing real: records what it is asked, and times each open at {@link #OPEN_NANOS}. */
    abstract static class Recording implements IoEngineProvider {
        @Override
        public String description() {
            return "test engine that records its calls";
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                private int opens;

                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(1 << 20); // nothing to lay out
                    }
                }

                @Override
                public void open(IoTarget target) throws IOException {
                    if (++opens == FAILING_OPEN.get()) {
                        throw new IOException("unlink " + target + ": ENOENT (No such file or directory)");
                    }
                    EVENTS.add("open " + target);
                }

                @Override
                public long openNanos() {
                    return OPEN_NANOS;
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    EVENTS.add("io " + unit.target() + " " + unit.offset());
                    LockSupport.parkNanos(1_000_000); // each job takes some milliseconds to measure
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }

                @Override
                public void close(IoTarget target) {
                    EVENTS.add("close " + target);
                }
            };
        }
    }

    public static final class Timed extends Recording {
        @Override
        public String name() {
            return "timed";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.TIMED_OPEN);
        }
    }

    public static final class Plain extends Recording {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS);
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        EVENTS.clear();
        FAILING_OPEN.set(0);
    }

    private JobResult run(String... options) throws IOException {
        Path services =
                Files.createDirectories(dir.resolve("cp/META-INF/services")).resolve(IoEngineProvider.class.getName());
        Files.writeString(services, Timed.class.getName() + "\n" + Plain.class.getName() + "\n");
        ClassLoader loader = new URLClassLoader(
                new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
        EngineRegistry registry = EngineRegistry.load(loader, List.of());
        JobParser parser = new JobParser(
                new OptionCatalog(registry.optionsByEngine(), registry.aliases()), Map.of(), registry::resolve);
        List<String> args = new ArrayList<>(List.of("--name=t", "--directory=" + dir, "--bs=4k"));
        args.addAll(List.of(options));
        JobSet jobs = parser.parse(List.of(), args, Set.of());
        Runner runner = new Runner(
                registry, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new StopSignal());
        return runner.prepare(jobs).run().result().jobs().get(0);
    }

    /** The events of one file, with its name dropped: "open", "io 0", "close". */
    private static List<String> eventsOf(String file) {
        List<String> of = new ArrayList<>();
        synchronized (EVENTS) {
            for (String event : EVENTS) {
                String[] words = event.split(" ");
                if (words[1].endsWith("/" + file)) {
                    of.add(words.length == 3 ? words[0] + " " + words[2] : words[0]);
                }
            }
        }
        return of;
    }

    @Test
    void aTimedOpenOpensEachFileRightBeforeItsFirstIoOfEveryPassAndClosesItWhenDone() throws IOException {
        JobResult job = run("--ioengine=timed", "--nrfiles=3", "--size=24k", "--loops=2");
        List<String> pass = List.of("open", "io 0", "io 4096", "close");
        List<String> twice = new ArrayList<>(pass);
        twice.addAll(pass);
        for (String file : new String[] {"t.0.0", "t.0.1", "t.0.2"}) {
            assertEquals(twice, eventsOf(file), file);
        }
        assertEquals("open " + dir.resolve("t.0.0"), EVENTS.get(0));
        assertEquals("io " + dir.resolve("t.0.0") + " 0", EVENTS.get(1), "opened lazily, as fio");
    }

    @Test
    void eachOpenIsOneClatSampleAndTheIosAreCountedUntimed() throws IOException {
        JobResult job = run("--ioengine=timed", "--nrfiles=3", "--size=24k", "--loops=2");
        DirectionResult read = job.dirs()[IoOp.READ.ordinal()];
        assertEquals(12, read.totalIos());
        assertEquals(12 * 4096, read.ioBytes());
        assertEquals(6, read.clat().n());
        assertEquals(OPEN_NANOS, read.clat().min());
        assertEquals(OPEN_NANOS, read.clat().max());
        assertEquals(0, read.lat().n(), "the I/Os are not timed");
        for (double share : job.latencyUs()) {
            assertEquals(0.0, share, "fio's latency distribution counts I/Os only");
        }
    }

    @Test
    void aWriteJobsOpensAreWriteSamplesATrimJobsAreReadSamplesAsFios() throws IOException {
        JobResult write = run("--ioengine=timed", "--nrfiles=2", "--size=8k", "--rw=write");
        assertEquals(2, write.dirs()[IoOp.WRITE.ordinal()].clat().n());
        JobResult trim = run("--ioengine=timed", "--nrfiles=2", "--size=8k", "--rw=trim");
        assertEquals(2, trim.dirs()[IoOp.READ.ordinal()].clat().n());
        assertEquals(0, trim.dirs()[IoOp.TRIM.ordinal()].clat().n());
        assertEquals(2, trim.dirs()[IoOp.TRIM.ordinal()].totalIos());
    }

    @Test
    void aFailedOpenEndsTheJobWithItsErrnoAndKeepsWhatWasMeasured() throws IOException {
        FAILING_OPEN.set(4);
        JobResult job = run("--ioengine=timed", "--nrfiles=3", "--size=12k", "--loops=2");
        assertEquals(Errno.ENOENT, job.error());
        DirectionResult read = job.dirs()[IoOp.READ.ordinal()];
        assertEquals(3, read.totalIos());
        assertEquals(3, read.clat().n());
        assertTrue(read.runtimeMillis() >= 3, "the time the job ran is measured: " + read.runtimeMillis());
    }

    @Test
    void otherEnginesOpenEveryFileOnceBeforeTheFirstIoAndTimeTheirIos() throws IOException {
        JobResult job = run("--ioengine=plain", "--nrfiles=3", "--size=24k", "--loops=2");
        for (String file : new String[] {"t.0.0", "t.0.1", "t.0.2"}) {
            List<String> events = eventsOf(file);
            assertEquals("open", events.get(0), file);
            assertEquals(1, Collections.frequency(events, "open"), file + ": " + events);
        }
        assertTrue(EVENTS.get(2).startsWith("open "), "all opened up front: " + EVENTS);
        DirectionResult read = job.dirs()[IoOp.READ.ordinal()];
        assertEquals(12, read.clat().n());
        assertEquals(12, read.lat().n());
    }
}
