package dev.jfio.engine.exec;

import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One job clone of engine {@code exec}. The first unit starts the program; each later one waits
 * 50 ms (fio's thinktime for this engine) while it runs. {@link #cleanup} ends it: SIGTERM, up to
 * {@code grace_time} seconds for it to exit, then SIGKILL. Like fio, the job runs for its runtime
 * whether the program exits earlier or not.
 *
 * <p>Thread contract: as {@link IoEngine}; no locking.
 */
final class ExecEngine implements IoEngine {
    private static final long POLL_NANOS = 50_000_000L;
    /** A target that never runs out: the job lasts its runtime. */
    private static final long ENDLESS = 1L << 40;

    private final JobView job;
    private final String program;
    private final String arguments;
    private final long graceSeconds;
    private final boolean redirect;
    private Process process;

    ExecEngine(JobView job) {
        this.job = job;
        this.program = job.get(ExecEngineProvider.PROGRAM);
        this.arguments = job.get(ExecEngineProvider.ARGUMENTS);
        this.graceSeconds = job.get(ExecEngineProvider.GRACE_TIME);
        this.redirect = job.get(ExecEngineProvider.STD_REDIRECT);
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        if (program == null || program.isBlank()) {
            throw new IOException("no program is defined, it is mandatory to define one (program=)");
        }
        if (graceSeconds < 0) {
            throw new IOException("grace_time=" + graceSeconds + " must be 0 or more (seconds)");
        }
        IoTarget target = new IoTarget("exec");
        target.fixSize(ENDLESS);
        setup.setTargets(List.of(target));
    }

    @Override
    public void init() {
        job.notice("program=" + program + ", arguments=" + arguments);
    }

    /** fio's expand_variables: %r is the runtime in whole seconds, %n the job's name. */
    static String expand(String arguments, long runtimeNanos, String name) {
        if (arguments == null) {
            return null;
        }
        return arguments
                .replace("%r", Long.toString(runtimeNanos / 1_000_000_000L))
                .replace("%n", name);
    }

    /** fio's argv: the program and its arguments split at spaces, empty words dropped. */
    static List<String> command(String program, String expandedArguments) {
        String line = expandedArguments == null ? program : program + " " + expandedArguments;
        List<String> argv = new ArrayList<>();
        for (String word : line.split(" ")) {
            if (!word.isEmpty()) {
                argv.add(word);
            }
        }
        return argv;
    }

    @Override
    public QueueResult queue(IoUnit unit) throws IOException {
        if (process == null) {
            start();
        } else {
            LockSupport.parkNanos(POLL_NANOS);
        }
        unit.complete(unit.length());
        return QueueResult.COMPLETED;
    }

    private void start() throws IOException {
        String name = job.jobName();
        String expanded = expand(arguments, job.runtimeNanos(), name);
        ProcessBuilder builder = new ProcessBuilder(command(program, expanded));
        String shown = expanded == null ? "(null)" : expanded;
        if (redirect) {
            File out = new File(name + ".stdout");
            File err = new File(name + ".stderr");
            job.notice("Saving output of " + program + " " + shown + " : stdout=" + out + " stderr=" + err);
            builder.redirectOutput(out).redirectError(err);
        } else {
            job.notice("Running " + program + " " + shown);
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("exec: cannot run " + program + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void cleanup() {
        Process p = process;
        process = null;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly(); // SIGKILL
                p.waitFor(graceSeconds + 1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
