package dev.jfio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoEngineProvider;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading engine jars: {@code external:PATH}, one class loader per jar, jars and providers that are broken. */
class EngineJarTest {
    private static final String ALPHA = TestProviders.Alpha.class.getName();
    private static final String FILE_LIKE = TestProviders.FileLike.class.getName();

    @TempDir
    Path dir;

    private ClassLoader classpathListing(String... classNames) throws IOException {
        return TestJars.classpathListing(dir, classNames);
    }

    private EngineRegistry registry(String... classNames) throws IOException {
        return EngineRegistry.load(classpathListing(classNames), List.of());
    }

    private static List<String> names(EngineRegistry registry) {
        return TestJars.names(registry);
    }

    @Test
    void externalJarLoadsItsEngineInItsOwnClassLoader() throws Exception {
        Path jar = TestJars.compiledEngineJar(dir, "extone", "ramtest");
        EngineRegistry registry = registry(FILE_LIKE);
        assertEquals("ramtest", registry.resolve("external:" + jar));
        IoEngineProvider provider = registry.provider("ramtest");
        ClassLoader loader = provider.getClass().getClassLoader();
        assertTrue(loader instanceof URLClassLoader, String.valueOf(loader));
        assertSame(IoEngineProvider.class, loader.loadClass(IoEngineProvider.class.getName()));
        assertEquals(List.of("file", "ramtest"), names(registry));
    }

    @Test
    void externalJarIsLoadedOncePerRealPath() throws IOException {
        Path jar = TestJars.compiledEngineJar(dir, "extonce", "oncetest");
        Path link = Files.createSymbolicLink(dir.resolve("link.jar"), jar);
        EngineRegistry registry = registry();
        assertEquals("oncetest", registry.resolve("external:" + jar));
        IoEngineProvider first = registry.provider("oncetest");
        assertEquals("oncetest", registry.resolve("external:" + link));
        assertEquals("oncetest", registry.resolve("external:" + dir.resolve(".").resolve("extonce.jar")));
        assertSame(first, registry.provider("oncetest"));
    }

    @Test
    void externalJarWithSeveralEnginesNeedsTheEngineNamed() throws IOException {
        Path jar = TestJars.compiledEngineJar(dir, "exttwo", "one", "two");
        EngineRegistry registry = registry();
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + jar));
        assertEquals(
                jar + " provides several engines (one, two); choose one with ioengine=external:" + jar + ":NAME",
                e.getMessage());
        assertEquals("two", registry.resolve("external:" + jar + ":two"));
        assertEquals("one", registry.resolve("external:" + jar + ":one"));
        e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + jar + ":three"));
        assertEquals(jar + " provides no engine 'three'; it provides: one, two", e.getMessage());
    }

    @Test
    void jarWithoutServicesFileIsRejected() throws IOException {
        Path jar = TestJars.jar(dir.resolve("plain.jar"), Map.of("README", new byte[] {'h', 'i'}));
        EngineRegistry registry = registry();
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + jar));
        assertEquals(
                jar + " does not provide a dev.jfio.spi.IoEngineProvider"
                        + " (no META-INF/services/dev.jfio.spi.IoEngineProvider)",
                e.getMessage());
    }

    @Test
    void missingJarIsRejected() throws IOException {
        Path jar = dir.resolve("gone.jar");
        EngineRegistry registry = registry();
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + jar));
        assertEquals("engine jar " + jar + " does not exist", e.getMessage());
    }

    @Test
    void fileThatIsNotAJarIsRejected() throws IOException {
        Path jar = Files.writeString(dir.resolve("text.jar"), "not a zip");
        EngineRegistry registry = registry();
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + jar));
        assertTrue(e.getMessage().startsWith(jar + " is not a jar file ("), e.getMessage());
    }

    @Test
    void externalWithoutPathIsRejected() throws IOException {
        EngineRegistry registry = registry();
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:"));
        assertEquals("ioengine=external: needs a jar, as in external:/path/engine.jar", e.getMessage());
    }

    @Test
    void providerWhoseConstructorThrowsIsReportedWithItsClassAndJar() throws IOException {
        Path jar = TestJars.servicesJar(dir.resolve("throwing.jar"), TestProviders.Throwing.class.getName());
        EngineRegistry registry = registry();
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + jar));
        assertEquals(
                "cannot load engine provider " + TestProviders.Throwing.class.getName() + " from " + jar
                        + ": its constructor threw no licence for this engine",
                e.getMessage());
    }

    @Test
    void listedClassThatIsMissingOrNotAProviderIsRejected() throws IOException {
        Path missing = TestJars.servicesJar(dir.resolve("missing.jar"), "no.such.Provider");
        Path wrong = TestJars.servicesJar(dir.resolve("wrong.jar"), TestProviders.NotAProvider.class.getName());
        EngineRegistry registry = registry();
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + missing));
        assertEquals(
                "cannot load engine provider no.such.Provider from " + missing + ": the class is not in the jar",
                e.getMessage());
        e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + wrong));
        assertTrue(e.getMessage().endsWith("it does not implement dev.jfio.spi.IoEngineProvider"), e.getMessage());
    }

    @Test
    void jarListingAClasspathProviderAgainIsHarmless() throws IOException {
        Path jar = TestJars.servicesJar(dir.resolve("again.jar"), ALPHA);
        EngineRegistry registry = registry(ALPHA);
        IoEngineProvider before = registry.provider("alpha");
        assertEquals("alpha", registry.resolve("external:" + jar));
        assertSame(before, registry.provider("alpha"));
    }
}
