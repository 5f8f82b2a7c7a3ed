package dev.jfio.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.engine.file.FileEngineProvider;
import dev.jfio.engine.file.sync.PsyncEngineProvider;
import dev.jfio.engine.file.sync.SyncEngineProvider;
import dev.jfio.engine.nul.NullEngineProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in engines are found through ServiceLoader on the bundle's classpath. */
class BuiltInEnginesTest {
    private final EngineRegistry registry = EngineRegistry.load(getClass().getClassLoader(), List.of());

    @Test
    void nullAndFileAreFound() {
        assertEquals("null", registry.resolve("null"));
        assertEquals("file", registry.resolve("file"));
        assertTrue(registry.provider("null") instanceof NullEngineProvider);
        assertTrue(registry.provider("file") instanceof FileEngineProvider);
    }

    @Test
    void fiosSyncFamilyAreEnginesOfTheirOwnAndPsyncTheDefaultIsTheRealPread() {
        assertTrue(registry.provider("psync") instanceof PsyncEngineProvider);
        assertTrue(registry.provider("sync") instanceof SyncEngineProvider);
        for (String name : List.of("sync", "psync", "vsync", "pvsync", "pvsync2", "posixaio", "mmap")) {
            assertEquals(name, registry.resolve(name));
        }
    }

    @Test
    void nullModeIsTheNullEnginesOption() {
        assertEquals(
                List.of(NullEngineProvider.NULL_MODE),
                registry.optionsByEngine().get("null"));
    }
}
