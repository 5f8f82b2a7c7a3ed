package dev.jfio.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.engine.file.FileEngineProvider;
import dev.jfio.engine.nul.NullEngineProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in engines are found through ServiceLoader on the bundle's classpath. */
class BuiltInEnginesTest {
    private final EngineRegistry registry = EngineRegistry.load(getClass().getClassLoader(), List.of());

    @Test
    void nullAndFileAreFoundWithFioAliases() {
        assertEquals("null", registry.resolve("null"));
        assertEquals("file", registry.resolve("file"));
        assertEquals("file", registry.resolve("psync"));
        assertEquals("file", registry.resolve("sync"));
        assertTrue(registry.provider("null") instanceof NullEngineProvider);
        assertTrue(registry.provider("file") instanceof FileEngineProvider);
    }

    @Test
    void nullModeIsTheNullEnginesOption() {
        assertEquals(
                List.of(NullEngineProvider.NULL_MODE),
                registry.optionsByEngine().get("null"));
    }
}
