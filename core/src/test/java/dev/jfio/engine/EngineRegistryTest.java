package dev.jfio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of names: classpath engines, names and aliases, clashes between engines. */
class EngineRegistryTest {
    private static final String ALPHA = TestProviders.Alpha.class.getName();
    private static final String OTHER_ALPHA = TestProviders.OtherAlpha.class.getName();
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
        assertEquals(
                Map.of("alpha", List.of(TestProviders.Alpha.DEPTH), "file", List.of()), registry.optionsByEngine());
    }

    @Test
    void twoEnginesWithOneNameAreRejectedNamingBothClasses() {
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry(ALPHA, OTHER_ALPHA));
        assertTrue(e.getMessage().startsWith("two engines are named 'alpha': " + ALPHA + " ("), e.getMessage());
        assertTrue(e.getMessage().contains(" and " + OTHER_ALPHA + " ("), e.getMessage());
    }

    @Test
    void anEngineNamedLikeAnotherEnginesAliasIsRejected() {
        EngineLoadException e =
                assertThrows(EngineLoadException.class, () -> registry(FILE_LIKE, TestProviders.Psync.class.getName()));
        assertTrue(
                e.getMessage().startsWith("engine name 'psync' of " + TestProviders.Psync.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().contains("is already an alias of engine 'file' " + FILE_LIKE), e.getMessage());
    }

    @Test
    void anAliasNamedLikeAnotherEngineIsRejected() {
        EngineLoadException e =
                assertThrows(EngineLoadException.class, () -> registry(TestProviders.Psync.class.getName(), FILE_LIKE));
        assertTrue(e.getMessage().startsWith("alias 'psync' of engine 'file' " + FILE_LIKE), e.getMessage());
        assertTrue(e.getMessage().contains("is already taken by engine 'psync'"), e.getMessage());
    }

    @Test
    void upperCaseEngineNamesAreRejected() {
        EngineLoadException e =
                assertThrows(EngineLoadException.class, () -> registry(TestProviders.UpperCase.class.getName()));
        assertTrue(e.getMessage().contains("has an invalid name 'Upper'"), e.getMessage());
    }

    @Test
    void aClasspathProviderThatThrowsIsReportedOnOneLine() {
        EngineLoadException e =
                assertThrows(EngineLoadException.class, () -> registry(TestProviders.Throwing.class.getName()));
        assertTrue(e.getMessage().startsWith("cannot load an engine from the classpath: "), e.getMessage());
        assertTrue(e.getMessage().contains(TestProviders.Throwing.class.getName()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void externalEngineClashingWithAClasspathEngineIsRejected() throws IOException {
        Path jar = TestJars.servicesJar(dir.resolve("alpha2.jar"), OTHER_ALPHA);
        EngineRegistry registry = registry(ALPHA);
        EngineLoadException e = assertThrows(EngineLoadException.class, () -> registry.resolve("external:" + jar));
        assertTrue(e.getMessage().startsWith("two engines are named 'alpha'"), e.getMessage());
        assertEquals(List.of("alpha"), names(registry));
    }
}
