package dev.jfio.run;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.JobParser;
import dev.jfio.job.JobSet;
import dev.jfio.job.OptionCatalog;
import dev.jfio.spi.IoEngineProvider;
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
import java.util.concurrent.TimeUnit;

/** Runs a command line in process with one test engine provider loaded as ServiceLoader would find it. */
final class OneEngineRun {
    final StopSignal stop = new StopSignal();
    /** fio's --readonly for the runs. */
    boolean readOnly;
    /** How long the last run took, from its start to its report (parsing and loading left out). */
    long runMillis;
    /** fio's --aux-path for the run, or null. */
    Path auxPath;

    private final Path dir;
    private final Class<? extends IoEngineProvider> provider;

    OneEngineRun(Path dir, Class<? extends IoEngineProvider> provider) {
        this.dir = dir;
        this.provider = provider;
    }

    Runner.Outcome run(String... args) throws IOException {
        Path services =
                Files.createDirectories(dir.resolve("cp/META-INF/services")).resolve(IoEngineProvider.class.getName());
        Files.writeString(services, provider.getName() + "\n", StandardCharsets.UTF_8);
        ClassLoader loader = new URLClassLoader(
                new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
        EngineRegistry registry = EngineRegistry.load(loader, List.of());
        JobParser parser = new JobParser(
                new OptionCatalog(registry.optionsByEngine(), registry.aliases()), Map.of(), registry::resolve);
        JobSet jobs = parser.parse(List.of(), List.of(args), Set.of());
        Runner runner =
                new Runner(registry, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), stop);
        runner.readOnly(readOnly);
        runner.auxPath(auxPath);
        PreparedRun prepared = runner.prepare(jobs);
        long start = System.nanoTime();
        Runner.Outcome outcome = prepared.run();
        runMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return outcome;
    }
}
