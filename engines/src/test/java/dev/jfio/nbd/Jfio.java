package dev.jfio.nbd;

import dev.jfio.cli.Main;
import dev.jfio.run.StopSignal;
import dev.jfio.testing.MiniJson;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the jfio command: its exit code, stdout and stderr. */
record Jfio(int exit, String out, String err) {

    static Jfio run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, o, e, System.getenv(), new StopSignal());
        }
        return new Jfio(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The JSON report on stdout, whatever the exit code. */
    Object json() {
        return MiniJson.parse(out);
    }

    @Override
    public String toString() {
        return "exit=" + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
