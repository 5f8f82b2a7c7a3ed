package dev.jfio.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jfio bundle (the shaded jar named by the {@code jfio.bundle} system property, set in the
 * integration-test phase) running in its own JVM, for tests that need a real process: signals,
 * exit status. Stdout and stderr go to files in the given directory.
 */
public final class BundleProcess {
    private final Process process;
    private final Path out;
    private final Path err;

    private BundleProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java -jar jfio.jar ARGS}; aborts the test outside the integration-test phase. */
    public static BundleProcess start(Path dir, String... args) throws IOException {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        Path out = dir.resolve("jfio.out");
        Path err = dir.resolve("jfio.err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-jar", bundle));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new BundleProcess(p, out, err);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGINT (as Ctrl-C does) and waits up to 10 s for the process to end.
     *
     * @return milliseconds from the signal to the exit, or -1 when it did not end (it is then killed)
     */
    public long interruptAndWait() throws IOException, InterruptedException {
        long sent = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).redirectError(new File("/dev/null"))
                .start().waitFor(5, TimeUnit.SECONDS);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return (System.nanoTime() - sent) / 1_000_000;
    }

    public int exitValue() {
        return process.exitValue();
    }

    public String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }
}
