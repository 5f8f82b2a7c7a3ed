package dev.jfio.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfio.cli.Main;
import dev.jfio.run.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One in-process run of the jfio command (dev.jfio.cli.Main) for tests: its exit status, stdout
 * and stderr. Engines found on the test's classpath are the ones it can use.
 */
public final class JfioRun {
    private final int exit;
    private final String out;
    private final String err;

    private JfioRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    /** Runs with the process's environment. */
    public static JfioRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with the process's environment plus {@code extraEnv}. */
    public static JfioRun run(Map<String, String> extraEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnv);
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, o, e, env, new StopSignal());
        }
        return new JfioRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public int exit() {
        return exit;
    }

    public String out() {
        return out;
    }

    public String err() {
        return err;
    }

    /** The JSON report on stdout of a successful run; fails if the run failed or stdout is not one JSON document. */
    public Object json() {
        if (exit != 0) {
            throw new AssertionError("jfio exited " + exit + ": " + err);
        }
        return MiniJson.parse(out);
    }

    /** The JSON report of a run that may have failed (the report is printed either way). */
    public Object jsonAllowingFailure() {
        return MiniJson.parse(out);
    }

    /** The single line a failed run printed on stderr; fails unless it exited 1 with exactly one line. */
    public String errorLine() {
        assertEquals(1, exit, out + err);
        String[] lines = err.strip().split("\n");
        assertEquals(1, lines.length, err);
        return lines[0];
    }

    @Override
    public String toString() {
        return "exit=" + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
