package dev.jfio.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testing.JfioRun;
import dev.jfio.testkit.EngineHarness;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the jar of examples/third-party-engine (a separate, standalone project, built by the
 * invoker against this build's jars) every way jfio can: {@code external:PATH}, an engine
 * directory and the classpath, and runs jobs on it.
 */
class ThirdPartyEngineExampleIT {
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheExample() {
        jar = ExampleEngineJar.path();
    }

    private static EngineRegistry builtIns() {
        return EngineRegistry.load(ThirdPartyEngineExampleIT.class.getClassLoader(), List.of());
    }

    @Test
    void externalSyntaxLoadsTheJarInItsOwnClassLoader() throws Exception {
        EngineRegistry registry = builtIns();
        assertEquals("ramdisk", registry.resolve("external:" + jar));
        IoEngineProvider provider = registry.provider("ramdisk");
        assertNotSame(getClass().getClassLoader(), provider.getClass().getClassLoader());
        assertEquals(
                "ramdisk_size", registry.optionsByEngine().get("ramdisk").get(0).name());
        try (EngineHarness harness =
                EngineHarness.builder(provider).size(1 << 20).start()) {
            assertEquals("ramdisk", harness.targets().get(0).name());
            assertTrue(harness.targets().get(0).hasFixedSize());
            harness.write(8192, EngineHarness.pattern(3, 4096));
            assertArrayEquals(EngineHarness.pattern(3, 4096), harness.read(8192, 4096));
        }
    }

    @Test
    void engineDirectoryMakesItAvailableByName() throws Exception {
        Files.copy(jar, dir.resolve("ramdisk.jar"));
        EngineRegistry registry = EngineRegistry.load(getClass().getClassLoader(), List.of(dir));
        assertEquals("ramdisk", registry.resolve("ramdisk"));
        assertEquals("psync", registry.resolve("psync"));
    }

    @Test
    void classpathServiceLoaderFindsItNextToTheBuiltIns() throws Exception {
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            List<String> names = new ArrayList<>();
            for (IoEngineProvider provider : ServiceLoader.load(IoEngineProvider.class, loader)) {
                names.add(provider.name());
            }
            assertTrue(names.containsAll(List.of("ramdisk", "null", "file")), names.toString());
            EngineRegistry registry = EngineRegistry.load(loader, List.of());
            assertEquals("ramdisk", registry.resolve("ramdisk"));
        }
    }

    /** Runs jfio in-process and returns the JSON report; fails with stderr when the exit status is not 0. */
    private static String jfio(String... args) {
        JfioRun run = JfioRun.run(args);
        assertEquals(0, run.exit(), "jfio " + String.join(" ", args) + ": " + run.err());
        return run.out();
    }

    /** The first job's io_bytes in one direction of a JSON report. */
    private static long ioBytes(String json, String direction) {
        Matcher m = Pattern.compile("\"" + direction + "\"\\s*:\\s*\\{\\s*\"io_bytes\"\\s*:\\s*(\\d+)")
                .matcher(json);
        assertTrue(m.find(), "no " + direction + " io_bytes in " + json);
        return Long.parseLong(m.group(1));
    }

    @Test
    void cliRunsAJobOnTheExternalEngine() {
        String json = jfio(
                "--name=mem",
                "--ioengine=external:" + jar,
                "--rw=randrw",
                "--bs=4k",
                "--size=1m",
                "--output-format=json");
        assertEquals(1 << 20, ioBytes(json, "read") + ioBytes(json, "write"));
    }

    @Test
    void cliFindsTheEngineByNameInAnEngineDirectory() throws Exception {
        Files.copy(jar, dir.resolve("ramdisk.jar"));
        String json = jfio(
                "--engine-path",
                dir.toString(),
                "--name=mem",
                "--ioengine=ramdisk",
                "--rw=write",
                "--bs=64k",
                "--size=2m",
                "--output-format=json");
        assertEquals(2 << 20, ioBytes(json, "write"));
    }

    @Test
    void cliTakesTheEnginesOwnOptionFromTheCommandLine() {
        String json = jfio(
                "--name=mem",
                "--ioengine=external:" + jar,
                "--ramdisk_size=4m",
                "--rw=read",
                "--bs=4k",
                "--output-format=json");
        assertEquals(4 << 20, ioBytes(json, "read"));
    }
}
