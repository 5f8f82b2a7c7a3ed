package dev.jfio.engine.exec;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;
import java.util.Set;

/**
 * Engine {@code exec}, as fio's: runs {@code program} with {@code arguments} ({@code %r} is the
 * runtime in seconds, {@code %n} the job's name) for the job's runtime, its output in
 * {@code NAME.stdout} and {@code NAME.stderr} unless {@code std_redirect=0}; at the end SIGTERM,
 * then SIGKILL after {@code grace_time} seconds. Stateless; safe to share.
 */
public final class ExecEngineProvider implements IoEngineProvider {
    /** {@code program}: the program to run (looked up in PATH); required. */
    public static final EngineOption<String> PROGRAM = EngineOption.string("program", null, "Program to execute");
    /** {@code arguments}: its arguments, split at spaces; %r and %n are substituted. */
    public static final EngineOption<String> ARGUMENTS =
            EngineOption.string("arguments", null, "Arguments to pass (%r: runtime in seconds, %n: job name)");
    /** {@code grace_time}: seconds between SIGTERM and SIGKILL. */
    public static final EngineOption<Long> GRACE_TIME =
            EngineOption.integer("grace_time", 1, "Grace time before sending a SIGKILL (seconds)");
    /** {@code std_redirect}: the program's stdout and stderr go to NAME.stdout and NAME.stderr. */
    public static final EngineOption<Boolean> STD_REDIRECT =
            EngineOption.bool("std_redirect", true, "Redirect stdout & stderr to files");

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String description() {
        return "runs a program (program=, arguments=) for the job's runtime without doing I/O, as fio's exec";
    }

    @Override
    public List<EngineOption<?>> options() {
        return List.of(PROGRAM, ARGUMENTS, GRACE_TIME, STD_REDIRECT);
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.DISKLESS, EngineFlag.NO_IO, EngineFlag.NO_DATA_TRANSFER);
    }

    @Override
    public IoEngine create(JobView job) {
        return new ExecEngine(job);
    }
}
