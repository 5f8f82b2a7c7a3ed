package dev.jfio.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The files of examples/distributed and the checkout's Dockerfile, read as the tools that use
 * them read them: the job file's options, the Dockerfile's instructions, a script checked by
 * {@code bash -n}.
 *
 * <p>Thread contract: stateless; call from any thread.
 */
final class Recipes {
    /** Tests run in engines/: the checkout is its parent. */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    static final Path DIR = REPO.resolve("examples/distributed");

    private Recipes() {}

    /**
     * Starts {@code cmd} in {@code cwd} with the test JVM's JDK and {@code env} added, its stdout and
     * stderr to {@code out}. Without a training run for the class archive (JFIO_CDS=0, unless
     * {@code env} says otherwise): several JVMs start at once on a small machine.
     */
    static Process start(Path out, Path cwd, Map<String, String> env, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JFIO_CDS", "0");
        pb.environment().putAll(env);
        return pb.start();
    }

    static String read(String name) throws IOException {
        return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    }

    /** The job file's options, section by section ("global" first), comments dropped. */
    static Map<String, Map<String, String>> jobSections(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
            } else {
                int eq = line.indexOf('=');
                String key = eq < 0 ? line : line.substring(0, eq).strip();
                String value = eq < 0 ? "" : line.substring(eq + 1).strip();
                current.put(key, value);
            }
        }
        return sections;
    }

    /** One Dockerfile instruction: its keyword and its arguments (continuation lines joined). */
    record Instruction(String keyword, String arguments) {}

    static List<Instruction> dockerfile() throws IOException {
        List<Instruction> out = new ArrayList<>();
        String joined = Files.readString(REPO.resolve("Dockerfile")).replace("\\\n", " ");
        for (String raw : joined.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            out.add(new Instruction(
                    line.substring(0, space), line.substring(space + 1).strip()));
        }
        return out;
    }

    /**
     * The image's /opt/jfio as the Dockerfile lays it out (its WORKDIR and COPY lines), under
     * {@code root}: the launcher, the bundle (linked, not copied), the class-archive training job
     * and examples/distributed. With no sources next to the bundle the launcher never rebuilds it,
     * so the scripts run from here use this build's bundle as it is. Returns the WORKDIR.
     */
    static Path imageLayout(Path root) throws IOException {
        Path workdir = root;
        for (Instruction i : dockerfile()) {
            if (i.keyword().equals("WORKDIR")) {
                workdir = Files.createDirectories(root.resolve(i.arguments().substring(1)));
            } else if (i.keyword().equals("COPY")) {
                String[] a = i.arguments().split("\\s+");
                Path from = REPO.resolve(a[0]);
                Path to = workdir.resolve(a[1]).normalize();
                assertTrue(Files.exists(from), "COPY " + a[0] + " exists once the bundle is built");
                Files.createDirectories(to.getParent());
                if (a[0].endsWith(".jar")) {
                    Files.createSymbolicLink(to, from);
                } else if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                    try (Stream<Path> files = Files.list(from)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return workdir;
    }

    /** Fails unless {@code bash -n} accepts the script. */
    static void assertBashSyntax(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-n", DIR.resolve(name).toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), name + ": bash -n finished");
        assertEquals(0, p.exitValue(), name + ": bash -n: " + out);
    }
}
