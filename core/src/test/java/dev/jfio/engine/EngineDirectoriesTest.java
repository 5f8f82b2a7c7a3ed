package dev.jfio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoEngineProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine directories: {@code --engine-path}, {@code JFIO_ENGINE_PATH} and the jars they hold. */
class EngineDirectoriesTest {
    private static final String ALPHA = TestProviders.Alpha.class.getName();

    @TempDir
    Path dir;

    private ClassLoader classpathListing(String... classNames) throws IOException {
        return TestJars.classpathListing(dir, classNames);
    }

    private static List<String> names(EngineRegistry registry) {
        return TestJars.names(registry);
    }

    @Test
    void everyJarInAnEngineDirectoryIsLoaded() throws IOException {
        Path engines = Files.createDirectories(dir.resolve("engines"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.move(TestJars.compiledEngineJar(work, "dira", "dira"), engines.resolve("a.jar"));
        Files.move(TestJars.compiledEngineJar(work, "dirb", "dirb"), engines.resolve("b.jar"));
        Files.writeString(engines.resolve("notes.txt"), "not a jar");
        EngineRegistry registry = EngineRegistry.load(classpathListing(ALPHA), List.of(engines));
        assertEquals(List.of("alpha", "dira", "dirb"), names(registry));
        IoEngineProvider a = registry.provider("dira");
        IoEngineProvider b = registry.provider("dirb");
        assertNotSame(a.getClass().getClassLoader(), b.getClass().getClassLoader());
        assertEquals("dira", registry.resolve("external:" + engines.resolve("a.jar")));
        assertSame(a, registry.provider("dira"));
    }

    @Test
    void missingEngineDirectoryIsAnError() throws IOException {
        ClassLoader loader = classpathListing();
        Path missing = dir.resolve("nope");
        EngineLoadException e =
                assertThrows(EngineLoadException.class, () -> EngineRegistry.load(loader, List.of(missing)));
        assertEquals("engine directory " + missing + " does not exist", e.getMessage());
    }

    @Test
    void engineDirectoryWithAJarWithoutProviderIsAnError() throws IOException {
        Path engines = Files.createDirectories(dir.resolve("engines"));
        Path jar = TestJars.jar(engines.resolve("lib.jar"), Map.of("x.txt", new byte[0]));
        ClassLoader loader = classpathListing();
        EngineLoadException e =
                assertThrows(EngineLoadException.class, () -> EngineRegistry.load(loader, List.of(engines)));
        assertTrue(
                e.getMessage().startsWith(jar + " does not provide a dev.jfio.spi.IoEngineProvider"), e.getMessage());
    }

    @Test
    void enginePathFlagReplacesTheEnvironmentVariable() {
        Map<String, String> env = Map.of("JFIO_ENGINE_PATH", "/env/a:/env/b");
        assertEquals(List.of(Path.of("/env/a"), Path.of("/env/b")), EngineDirectories.of(null, env));
        assertEquals(List.of(Path.of("/flag")), EngineDirectories.of("/flag", env));
        assertEquals(List.of(), EngineDirectories.of(null, Map.of()));
    }

    @Test
    void engineDirsSkipEmptyEntriesAndDuplicates() {
        assertEquals(List.of(Path.of("a"), Path.of("/b")), EngineDirectories.of(":a::/b:a:", Map.of()));
        assertEquals(List.of(), EngineDirectories.of("", Map.of("JFIO_ENGINE_PATH", "/x")));
    }
}
