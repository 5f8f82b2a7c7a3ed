package dev.jfio.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jfio bundle (the shaded jar named by the {@code jfio.bundle} system property, set in the
 * integration-test phase) running in its own JVM, for tests that need a real process: signals,
 * exit status, a stdout that fails. Stderr goes to a file in the given directory; stdout too,
 * unless the test redirects it elsewhere.
 */
public final class BundleProcess {
    /**
     * An ETA line ({@code --eta=always}) with a read rate: reads have completed. (The first ETA
     * line comes a second after the run starts, which on a loaded machine can be before the job's
     * first I/O.)
     */
    public static final String READING = "[r=";

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
        return start(dir, ProcessBuilder.Redirect.to(dir.resolve("jfio.out").toFile()), args);
    }

    /** As {@link #start(Path, String...)}, with the process's open-file limit lowered first ({@code ulimit -n}). */
    public static BundleProcess startWithOpenFileLimit(Path dir, int limit, String... args) throws IOException {
        return start(
                dir,
                List.of("bash", "-c", "ulimit -n " + limit + " && exec \"$@\"", "bash"),
                List.of(),
                ProcessBuilder.Redirect.to(dir.resolve("jfio.out").toFile()),
                args);
    }

    /**
     * As {@link #start(Path, String...)}, with stdout sent to {@code stdout}: a file such as
     * /dev/full, or {@link ProcessBuilder.Redirect#PIPE} for a pipe the test reads or closes.
     */
    public static BundleProcess start(Path dir, ProcessBuilder.Redirect stdout, String... args) throws IOException {
        return start(dir, List.of(), List.of(), stdout, args);
    }

    /** Starts {@code java JVM_OPTIONS -jar jfio.jar ARGS} (e.g. a small heap with -Xmx64m). */
    public static BundleProcess start(Path dir, List<String> jvmOptions, String... args) throws IOException {
        return start(
                dir,
                List.of(),
                jvmOptions,
                ProcessBuilder.Redirect.to(dir.resolve("jfio.out").toFile()),
                args);
    }

    /** {@code PREFIX java JVM_OPTIONS -jar jfio.jar ARGS}, stdout to {@code stdout}. */
    private static BundleProcess start(
            Path dir, List<String> prefix, List<String> jvmOptions, ProcessBuilder.Redirect stdout, String... args)
            throws IOException {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        Path out = dir.resolve("jfio.out");
        Path err = dir.resolve("jfio.err");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", bundle));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectOutput(stdout)
                .redirectError(err.toFile())
                .start();
        return new BundleProcess(p, out, err);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until stderr shows {@code text} (e.g. {@link #READING} with {@code --eta=always}),
     * rather than sleeping a fixed time that a loaded machine overruns; fails the test if jfio
     * ends first or 30 s pass.
     */
    public void awaitStderr(String text) throws IOException, InterruptedException {
        await(() -> stderr().contains(text), "'" + text + "' on stderr");
    }

    /** Something that can be checked repeatedly, such as a server's log. */
    public interface Condition {
        boolean holds() throws IOException;
    }

    /** Waits until {@code ready} holds; fails the test if jfio ends first or 30 s pass. */
    public void await(Condition ready, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ready.holds()) {
            assertTrue(process.isAlive(), "jfio ended before " + what + ": " + stderr());
            assertTrue(System.nanoTime() < deadline, "no " + what + " within 30 s: " + stderr());
            Thread.sleep(20);
        }
    }

    /** Sends a signal ("INT", "TERM") with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .redirectError(new File("/dev/null"))
                .start()
                .waitFor(5, TimeUnit.SECONDS);
    }

    /**
     * Sends a signal and waits up to 10 s for the process to end.
     *
     * @return milliseconds from the signal to the exit, or -1 when it did not end (it is then killed)
     */
    public long signalAndWait(String name) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        signal(name);
        return waitForExit(sent);
    }

    /** Sends SIGINT (as Ctrl-C does) and waits: see {@link #signalAndWait}. */
    public long interruptAndWait() throws IOException, InterruptedException {
        return signalAndWait("INT");
    }

    /**
     * Waits up to 10 s for the process to end.
     *
     * @return milliseconds from {@code sinceNanos} to the exit, or -1 when it did not end (it is then killed)
     */
    public long waitForExit(long sinceNanos) throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    /** As a reader that goes away does: closes our end of a {@link ProcessBuilder.Redirect#PIPE} stdout. */
    public void closeStdoutPipe() throws IOException {
        process.getInputStream().close();
    }

    /** Waits for the process to end; kills it and fails when it takes longer than {@code seconds}. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jfio did not end within " + seconds + " s");
        }
        return process.exitValue();
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
