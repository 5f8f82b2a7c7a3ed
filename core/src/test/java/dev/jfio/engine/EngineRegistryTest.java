package dev.jfio.engine;

import dev.jfio.spi.IoEngineProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineRegistryTest {
    private static final String ALPHA = TestProviders.Alpha.class.getName();
    private static final String OTHER_ALPHA = TestProviders.OtherAlpha.class.getName();
    private static final String FILE_LIKE = TestProviders.FileLike.class.getName();

    @TempDir
    Path dir;

    /** A class loader whose classpath lists {@code classNames} as engine providers. */
    private ClassLoader classpathListing(String... classNames) throws IOException {
        Path root = Files.createDirectories(dir.resolve("cp" + classNames.length + "-" + System.nanoTime()));
        Path services = Files.createDirectories(root.resolve("META-INF/services"))
                .resolve(IoEngineProvider.class.getName());
        Files.writeString(services, String.join("\n", classNames) + "\n", StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    private EngineRegistry registry(String... classNames) throws IOException {
        return EngineRegistry.load(classpathListing(classNames), List.of());
    }

    private static List<String> names(EngineRegistry registry) {
        List<String> names = new ArrayList<>();
        for (IoEngineProvider provider : registry.providers()) {
            names.add(provider.name());
        }
        return names;
    }

    @Test
    void classpathProvidersAreFoundAndSortedByName() throws IOException {
        EngineRegistry registry = registry(FILE_LIKE, ALPHA);
        assertEquals(List.of("alpha", "file"), names(registry));
    }

    @Test
    void namesAndAliasesResolveToTheCanonicalName() throws IOException {
        EngineRegistry registry = registry(FILE_LIKE, ALPHA);
        assertEquals("file", registry.resolve("file"));
        assertEquals("file", registry.resolve("psync"));
        assertEquals("file", registry.resolve("sync"));
        assertEquals("alpha", registry.resolve("alpha"));
        assertEquals(Map.of("psync", "file", "sync", "file"), registry.aliases());
        assertSame(registry.provider("file"), registry.provider("psync"));
    }

    @Test
    void unknownEngineListsTheAvailableOnesWithTheirAliases() throws IOException {
        EngineRegistry registry = registry(FILE_LIKE, ALPHA);
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("libaio"));
        assertEquals("unknown ioengine 'libaio'; available: alpha, file (psync, sync)", e.getMessage());
        e = assertThrows(EngineLoadException.class, () -> registry.provider("libaio"));
        assertEquals("unknown ioengine 'libaio'; available: alpha, file (psync, sync)", e.getMessage());
    }

    @Test
    void optionsAreListedPerCanonicalEngine() throws IOException {
        EngineRegistry registry = registry(FILE_LIKE, ALPHA);
        assertEquals(Map.of("alpha", List.of(TestProviders.Alpha.DEPTH), "file", List.of()), registry.optionsByEngine());
    }

    @Test
    void twoEnginesWithOneNameAreRejectedNamingBothClasses() {
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry(ALPHA, OTHER_ALPHA));
        assertTrue(e.getMessage().startsWith("two engines are named 'alpha': " + ALPHA + " ("), e.getMessage());
        assertTrue(e.getMessage().contains(" and " + OTHER_ALPHA + " ("), e.getMessage());
    }

    @Test
    void anEngineNamedLikeAnotherEnginesAliasIsRejected() {
        EngineLoadException e = assertThrows(EngineLoadException.class,
                () -> registry(FILE_LIKE, TestProviders.Psync.class.getName()));
        assertTrue(e.getMessage().startsWith("engine name 'psync' of " + TestProviders.Psync.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().contains("is already an alias of engine 'file' " + FILE_LIKE), e.getMessage());
    }

    @Test
    void anAliasNamedLikeAnotherEngineIsRejected() {
        EngineLoadException e = assertThrows(EngineLoadException.class,
                () -> registry(TestProviders.Psync.class.getName(), FILE_LIKE));
        assertTrue(e.getMessage().startsWith("alias 'psync' of engine 'file' " + FILE_LIKE), e.getMessage());
        assertTrue(e.getMessage().contains("is already taken by engine 'psync'"), e.getMessage());
    }

    @Test
    void upperCaseEngineNamesAreRejected() {
        EngineLoadException e = assertThrows(EngineLoadException.class,
                () -> registry(TestProviders.UpperCase.class.getName()));
        assertTrue(e.getMessage().contains("has an invalid name 'Upper'"), e.getMessage());
    }

    @Test
    void aClasspathProviderThatThrowsIsReportedOnOneLine() {
        EngineLoadException e = assertThrows(EngineLoadException.class,
                () -> registry(TestProviders.Throwing.class.getName()));
        assertTrue(e.getMessage().startsWith("cannot load an engine from the classpath: "), e.getMessage());
        assertTrue(e.getMessage().contains(TestProviders.Throwing.class.getName()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
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
        assertEquals(jar + " provides several engines (one, two); choose one with ioengine=external:" + jar + ":NAME",
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
        assertEquals(jar + " does not provide a dev.jfio.spi.IoEngineProvider"
                + " (no META-INF/services/dev.jfio.spi.IoEngineProvider)", e.getMessage());
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
        assertEquals("cannot load engine provider " + TestProviders.Throwing.class.getName() + " from " + jar
                + ": its constructor threw no licence for this engine", e.getMessage());
    }

    @Test
    void listedClassThatIsMissingOrNotAProviderIsRejected() throws IOException {
        Path missing = TestJars.servicesJar(dir.resolve("missing.jar"), "no.such.Provider");
        Path wrong = TestJars.servicesJar(dir.resolve("wrong.jar"), TestProviders.NotAProvider.class.getName());
        EngineRegistry registry = registry();
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + missing));
        assertEquals("cannot load engine provider no.such.Provider from " + missing + ": the class is not in the jar",
                e.getMessage());
        e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + wrong));
        assertTrue(e.getMessage().endsWith("it does not implement dev.jfio.spi.IoEngineProvider"), e.getMessage());
    }

    @Test
    void externalEngineClashingWithAClasspathEngineIsRejected() throws IOException {
        Path jar = TestJars.servicesJar(dir.resolve("alpha2.jar"), OTHER_ALPHA);
        EngineRegistry registry = registry(ALPHA);
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + jar));
        assertTrue(e.getMessage().startsWith("two engines are named 'alpha'"), e.getMessage());
        assertEquals(List.of("alpha"), names(registry));
    }

    @Test
    void jarListingAClasspathProviderAgainIsHarmless() throws IOException {
        Path jar = TestJars.servicesJar(dir.resolve("again.jar"), ALPHA);
        EngineRegistry registry = registry(ALPHA);
        IoEngineProvider before = registry.provider("alpha");
        assertEquals("alpha", registry.resolve("external:" + jar));
        assertSame(before, registry.provider("alpha"));
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
        EngineLoadException e = assertThrows(EngineLoadException.class,
                () -> EngineRegistry.load(loader, List.of(missing)));
        assertEquals("engine directory " + missing + " does not exist", e.getMessage());
    }

    @Test
    void engineDirectoryWithAJarWithoutProviderIsAnError() throws IOException {
        Path engines = Files.createDirectories(dir.resolve("engines"));
        Path jar = TestJars.jar(engines.resolve("lib.jar"), Map.of("x.txt", new byte[0]));
        ClassLoader loader = classpathListing();
        EngineLoadException e = assertThrows(EngineLoadException.class,
                () -> EngineRegistry.load(loader, List.of(engines)));
        assertTrue(e.getMessage().startsWith(jar + " does not provide a dev.jfio.spi.IoEngineProvider"), e.getMessage());
    }

    @Test
    void enginePathFlagReplacesTheEnvironmentVariable() {
        Map<String, String> env = Map.of("JFIO_ENGINE_PATH", "/env/a:/env/b");
        assertEquals(List.of(Path.of("/env/a"), Path.of("/env/b")), EngineRegistry.engineDirs(null, env));
        assertEquals(List.of(Path.of("/flag")), EngineRegistry.engineDirs("/flag", env));
        assertEquals(List.of(), EngineRegistry.engineDirs(null, Map.of()));
    }

    @Test
    void engineDirsSkipEmptyEntriesAndDuplicates() {
        assertEquals(List.of(Path.of("a"), Path.of("/b")), EngineRegistry.engineDirs(":a::/b:a:", Map.of()));
        assertEquals(List.of(), EngineRegistry.engineDirs("", Map.of("JFIO_ENGINE_PATH", "/x")));
    }
}
