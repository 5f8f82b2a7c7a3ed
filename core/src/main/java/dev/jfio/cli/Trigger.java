package dev.jfio.cli;

import dev.jfio.run.StopSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * fio's trigger (backend.c check_trigger_file): while the jobs run, a thread looks every 100 ms
 * for {@code --trigger-file} and at {@code --trigger-timeout}; on the first of them it deletes the
 * file, stops every job and runs {@code --trigger} with {@code sh -c}, waiting for it, as fio's
 * system() does. The report is written after the command ends. Power-cut tests use it: fio
 * {@code --trigger-file=/tmp/cut --trigger="ipmitool power off"}. The command's output goes to
 * stderr, since jfio's stdout carries the report only.
 *
 * <p>{@link #start} and {@link #stop} are called by the thread that runs the jobs; the watcher
 * thread is the trigger's own.
 */
final class Trigger implements Runnable {
    static final String STOP_REASON = "trigger";
    private static final long POLL_MILLIS = 100;

    private final Path file;
    private final long timeoutNanos;
    private final String command;
    private final StopSignal stop;
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean done;

    private Trigger(Path file, long timeoutNanos, String command, StopSignal stop, PrintStream err) {
        this.file = file;
        this.timeoutNanos = timeoutNanos;
        this.command = command;
        this.stop = stop;
        this.err = err;
        this.thread = new Thread(this, "jfio-trigger");
        thread.setDaemon(true);
    }

    /**
     * Starts watching, or returns null when neither a trigger file nor a timeout is given (a
     * {@code --trigger} command alone never fires, as in fio).
     *
     * @param timeoutNanos time from the start of the run to fire at; 0 for none
     */
    static Trigger start(Path file, long timeoutNanos, String command, StopSignal stop, PrintStream err) {
        if (file == null && timeoutNanos <= 0) {
            return null;
        }
        Trigger t = new Trigger(file, timeoutNanos, command, stop, err);
        t.thread.start();
        return t;
    }

    /**
     * Ends the watch once the jobs are done: at most one poll interval, or until a trigger command
     * that is running ends (never interrupted, so that it is not cut short).
     */
    void stop() {
        done = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (!done) {
            if (fileAppeared() || timedOut()) {
                fire();
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean fileAppeared() {
        if (file == null || !Files.exists(file)) {
            return false;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            err.println("jfio: failed to unlink " + file + ": " + e.getMessage());
        }
        return true;
    }

    private boolean timedOut() {
        return timeoutNanos > 0 && System.nanoTime() - startNanos >= timeoutNanos;
    }

    private void fire() {
        stop.request(STOP_REASON);
        if (command == null || command.isEmpty()) {
            return;
        }
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(err);
            }
            p.waitFor(1, TimeUnit.DAYS);
        } catch (IOException e) {
            err.println("jfio: failed executing " + command + " trigger: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
