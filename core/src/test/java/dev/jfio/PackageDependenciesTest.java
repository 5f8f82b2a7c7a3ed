package dev.jfio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Data flows one way (cli → job → run → stats → report): these imports would turn it back. */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/jfio");

    @Test
    void runFormatsNoReportTextAndKnowsNoCli() throws IOException {
        assertEquals(List.of(), importsOf("run", "dev.jfio.report.", "dev.jfio.cli."));
    }

    @Test
    void statsCallNoNativeCode() throws IOException {
        assertEquals(List.of(), importsOf("stats", "dev.jfio.posix.", "dev.jfio.run.", "dev.jfio.report.",
                "dev.jfio.cli."));
    }

    /** The lines of {@code pkg}'s sources that import one of {@code forbidden}, as "File.java: import ...". */
    private static List<String> importsOf(String pkg, String... forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    for (String prefix : forbidden) {
                        if (line.startsWith("import " + prefix) || line.startsWith("import static " + prefix)) {
                            found.add(file.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        return found;
    }
}
