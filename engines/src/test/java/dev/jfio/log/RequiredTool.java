package dev.jfio.log;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real program a test runs (fio, fio's tools): its path, or, when it is missing, a failure in CI
 * ({@code CI=true}) and elsewhere a skipped test that names the Debian package to install.
 */
final class RequiredTool {
    private RequiredTool() {}

    /** The executable {@code name} on the PATH (or at an absolute path). */
    static Path require(String name, String debianPackage) {
        Path found = find(name);
        if (found == null) {
            String why = name + " is missing: install the Debian package " + debianPackage;
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " (CI=true: a missing tool fails the build)");
            }
            assumeTrue(false, why);
        }
        return found;
    }

    private static Path find(String name) {
        if (name.startsWith("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? p : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
