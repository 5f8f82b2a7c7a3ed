package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.JobParser;
import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpecException;
import dev.jfio.job.OptionCatalog;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller of the runner that is not the CLI gets the pre-run checks all the same, before any engine is created. */
class RunnerPreRunChecksTest {
    private static final AtomicInteger QUEUED = new AtomicInteger();

    /** An engine without targets of its own, like ioengine=null: a job on it needs size=. */
    public static final class Diskless implements IoEngineProvider {
        @Override
        public String name() {
            return "diskless";
        }

        @Override
        public String description() {
            return "test engine without targets";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.DISKLESS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                @Override
                public void setup(SetupContext setup) {
                    setup.setTargets(List.of(new IoTarget("diskless")));
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    QUEUED.incrementAndGet();
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @TempDir
    Path dir;

    private EngineRegistry registry() throws IOException {
        Path services =
                Files.createDirectories(dir.resolve("cp/META-INF/services")).resolve(IoEngineProvider.class.getName());
        Files.writeString(services, Diskless.class.getName() + "\n", StandardCharsets.UTF_8);
        ClassLoader loader = new URLClassLoader(
                new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
        return EngineRegistry.load(loader, List.of());
    }

    private static JobSet parse(EngineRegistry registry, String... args) {
        JobParser parser = new JobParser(
                new OptionCatalog(registry.optionsByEngine(), registry.aliases()), Map.of(), registry::resolve);
        return parser.parse(List.of(), List.of(args), Set.of());
    }

    private static Runner runner(EngineRegistry registry) {
        return new Runner(
                registry, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new StopSignal());
    }

    @Test
    void prepareRefusesADisklessJobWithoutSizeBeforeAnyIo() throws IOException {
        EngineRegistry registry = registry();
        JobSet jobs = parse(registry, "--name=j", "--ioengine=diskless", "--rw=read");
        int queued = QUEUED.get();
        JobSpecException e =
                assertThrows(JobSpecException.class, () -> runner(registry).prepare(jobs));
        assertEquals(
                "command line:2: job 'j': ioengine=diskless has no target to take a size from;"
                        + " set size= (e.g. size=1g)",
                e.getMessage());
        assertEquals(queued, QUEUED.get());
    }

    @Test
    void prepareRefusesWaitForNamingNoJob() throws IOException {
        EngineRegistry registry = registry();
        JobSet jobs = parse(registry, "--name=j", "--ioengine=diskless", "--size=1m", "--wait_for=nobody");
        JobSpecException e =
                assertThrows(JobSpecException.class, () -> runner(registry).prepare(jobs));
        assertEquals("command line:4: wait_for=nobody: no job named 'nobody'", e.getMessage());
    }

    @Test
    void prepareRefusesAPercentageOfATargetWithoutFixedSize() throws IOException {
        EngineRegistry registry = registry();
        JobSet jobs = parse(registry, "--name=j", "--ioengine=diskless", "--size=10%");
        JobSpecException e =
                assertThrows(JobSpecException.class, () -> runner(registry).prepare(jobs));
        assertEquals(
                "command line:3: size=10%: a percentage needs a target of known size, and ioengine=diskless"
                        + " has none; give size in bytes (e.g. size=1g)",
                e.getMessage());
    }
}
