package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./jfio launcher's class archive: the first run with a bundle and JDK records one (a static
 * class-data sharing archive before JDK 25, an ahead-of-time cache from 25) without a byte of the
 * training run on stdout, later runs start from it (the JVM is told to insist on it and still
 * starts; before 25 with picocli's Java 5 classes mapped from it too), a newer bundle records again,
 * and JFIO_CDS=0 records nothing.
 */
class LauncherClassArchiveIT {
    private static final int FEATURE = Runtime.version().feature();

    @TempDir
    Path root;

    private Path jar;

    /** A checkout in miniature: the launcher, the bundle and the training job, where the test owns them. */
    @BeforeEach
    void checkout() throws IOException {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        Path repo = Path.of("").toAbsolutePath().getParent();
        Files.copy(repo.resolve("jfio"), root.resolve("jfio"));
        Files.createDirectories(root.resolve("engines/src/cds"));
        Files.copy(repo.resolve("engines/src/cds/training.fio"), root.resolve("engines/src/cds/training.fio"));
        jar = Files.createDirectories(root.resolve("engines/target")).resolve("jfio.jar");
        Files.copy(Path.of(bundle), jar);
    }

    private record Run(int exit, String out, String err) {}

    private Run jfio(Map<String, String> env, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", root.resolve("jfio").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JFIO_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "./jfio did not end");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<Path> archives() throws IOException {
        Path dir = root.resolve("engines/target/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** JVM options that make the JVM refuse to start unless it can map the archive. */
    private static Map<String, String> insistOnTheArchive() {
        return Map.of("JFIO_JAVA_OPTS", FEATURE >= 25 ? "-XX:AOTMode=on" : "-Xshare:on");
    }

    @Test
    void firstRunRecordsTheArchiveAndLaterRunsStartFromIt() throws Exception {
        Run first = jfio(Map.of(), "--version");
        assertEquals(0, first.exit(), first.err());
        assertTrue(
                first.out().matches("jfio-\\S+ \\(fio-3\\.33\\)\\n"), "stdout holds only the banner: " + first.out());
        assertTrue(first.err().contains("jfio: recording the classes a run loads for "), first.err());
        List<Path> made = archives();
        assertEquals(1, made.size(), made.toString());
        String name = made.get(0).getFileName().toString();
        assertTrue(name.startsWith("jfio-" + FEATURE + "-") && name.endsWith(FEATURE >= 25 ? ".aot" : ".jsa"), name);

        Path loaded = root.resolve("loaded.txt");
        Run second = jfio(
                Map.of(
                        "JFIO_JAVA_OPTS",
                        insistOnTheArchive().get("JFIO_JAVA_OPTS") + " -Xlog:class+load=info:file=" + loaded),
                "--name=n",
                "--ioengine=null",
                "--size=1m",
                "--output-format=json");
        assertEquals(0, second.exit(), second.err());
        assertEquals("", second.err(), "no recording, no JVM complaint about the archive");
        assertTrue(second.out().startsWith("{"), second.out());
        // picocli's classes are compiled for Java 5: a dynamic archive leaves them out, the static one
        // made before JDK 25 holds them (JDK 25's ahead-of-time cache leaves them out as well)
        String picocli = Files.readAllLines(loaded).stream()
                .filter(l -> l.contains(" picocli.CommandLine source: "))
                .findFirst()
                .orElse("picocli.CommandLine not loaded");
        assertTrue(FEATURE >= 25 || picocli.endsWith("source: shared objects file"), picocli);
    }

    @Test
    void aNewerBundleRecordsAgain() throws Exception {
        assertEquals(0, jfio(Map.of(), "--version").exit());
        Path archive = archives().get(0);
        FileTime recorded = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5000);
        Files.setLastModifiedTime(archive, recorded); // as if the bundle had been rebuilt since
        Run again = jfio(Map.of(), "--version");
        assertTrue(again.err().contains("jfio: recording the classes"), again.err());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(recorded) > 0, "archive renewed");
        Run insisting = jfio(insistOnTheArchive(), "--version");
        assertEquals(0, insisting.exit(), insisting.err());
    }

    @Test
    void jfioCdsZeroRecordsNothing() throws Exception {
        Run run = jfio(Map.of("JFIO_CDS", "0"), "--version");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals(List.of(), archives());
        assertTrue(new String(Files.readAllBytes(root.resolve("out.txt")), StandardCharsets.UTF_8).startsWith("jfio-"));
    }
}
