package dev.jfio.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * dev.jfio.spi.Errno is the only errno table: no other main source defines an errno by number or
 * names one in a switch of its own, so a value and its name or text cannot drift apart again
 * (jfio once printed "EIO (Illegal seek)" and error 5 for "Too many open files").
 */
class OneErrnoTableTest {
    private static final Path TABLE = Path.of("spi", "src", "main", "java", "dev", "jfio", "spi", "Errno.java");
    /** {@code int ENOSPC = 28;}, {@code case 28: return "ENOSPC";}, {@code 28 -> "No space left on device"}. */
    private static final Pattern ERRNO_BY_NUMBER = Pattern.compile(
            "\\bint\\s+E[A-Z0-9]{2,}\\s*=\\s*\\d+\\s*;|case\\s+\\d+\\s*:\\s*return\\s+\"E[A-Z0-9]{2,}\""
                    + "|\\d+\\s*(->|:)\\s*(return\\s+)?\"(Input/output error|No space left on device|Too many open files)\"");

    @Test
    void onlyTheSpiErrnoClassDefinesErrnoValuesNamesAndTexts() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        assertTrue(Files.isRegularFile(root.resolve(TABLE)), "the repository root is " + root);
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.endsWith(TABLE))
                    .forEach(p -> {
                        try {
                            if (ERRNO_BY_NUMBER.matcher(Files.readString(p)).find()) {
                                offenders.add(root.relativize(p).toString());
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        assertEquals(List.of(), offenders, "errno values belong in " + TABLE + " (use Errno.EIO etc.)");
    }

    @Test
    void thePatternCatchesATableOfItsOwn() {
        assertTrue(ERRNO_BY_NUMBER.matcher("public static final int EIO = 5;").find());
        assertTrue(ERRNO_BY_NUMBER.matcher("case 28: return \"ENOSPC\";").find());
        assertTrue(
                ERRNO_BY_NUMBER.matcher("case 24 -> \"Too many open files\";").find());
        assertTrue(!ERRNO_BY_NUMBER
                .matcher("public static final int EIO = Errno.EIO;")
                .find());
    }
}
