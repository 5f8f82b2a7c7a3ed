package dev.jfio.engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds examples/third-party-engine with Maven, once per JVM, in a copy under a temporary
 * directory (so the source tree stays clean), and hands out the engine jar. Needs {@code mvn} on
 * the PATH (or {@code $MVN}) and jfio-core in the local Maven repository ({@code mvn install}).
 */
final class ExampleEngineBuild {
    private static Path jar;

    private ExampleEngineBuild() {
    }

    /** The repository root: the nearest directory up from the working directory holding the example. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/third-party-engine/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("examples/third-party-engine not found above " + Path.of("").toAbsolutePath());
    }

    /** The built jfio-ramdisk-engine.jar. */
    static synchronized Path jar() throws IOException, InterruptedException {
        if (jar != null) {
            return jar;
        }
        Path source = repoRoot().resolve("examples/third-party-engine");
        Path work = Files.createTempDirectory("jfio-example-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work)));
        Path copy = work.resolve("third-party-engine");
        copyTree(source, copy);
        Path log = work.resolve("mvn.log");
        String mvn = System.getenv().getOrDefault("MVN", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn, "-q", "-B", "-f", copy.resolve("pom.xml").toString(), "package"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("building the example engine took over 5 minutes: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                    + Files.readString(log));
        }
        Path built = copy.resolve("target/jfio-ramdisk-engine.jar");
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException("the example build made no " + built);
        }
        jar = built;
        return jar;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path relative = from.relativize(path);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
