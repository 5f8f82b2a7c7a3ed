package dev.jfio.cli;

import dev.jfio.run.StopSignal;
import dev.jfio.testing.MiniJson;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs the jfio command in-process and keeps what it printed. */
final class JfioRun {
    final int exit;
    final String out;
    final String err;

    private JfioRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static JfioRun run(String... args) {
        return run(Map.of(), args);
    }

    static JfioRun run(Map<String, String> extraEnv, String... args) {
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

    /** The JSON report on stdout; fails if stdout is anything but one JSON document. */
    Object json() {
        if (exit != 0) {
            throw new AssertionError("jfio exited " + exit + ": " + err);
        }
        return MiniJson.parse(out);
    }

    /** The JSON report of a run that may have failed (the report is printed either way). */
    Object jsonAllowingFailure() {
        return MiniJson.parse(out);
    }

    @Override
    public String toString() {
        return "exit=" + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
