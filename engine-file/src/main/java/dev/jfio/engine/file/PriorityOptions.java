package dev.jfio.engine.file;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.JobView;
import java.io.IOException;
import java.util.List;

/**
 * fio's per-command priority options ({@code cmdprio_percentage}, {@code cmdprio_class},
 * {@code cmdprio}, {@code cmdprio_bssplit}), which fio 3.33 gives both {@code libaio} and
 * {@code io_uring}. jfio declares them on both engines so that a fio job file that sets one fails
 * with one line instead of an unknown option, and refuses them until it keeps per-priority
 * statistics. Stateless.
 */
public final class PriorityOptions {
    public static final EngineOption<Long> CMDPRIO_PERCENTAGE = EngineOption.integer(
            "cmdprio_percentage", 0, "Send high priority I/O this percentage of the time (not supported yet)");
    public static final EngineOption<Long> CMDPRIO_CLASS =
            EngineOption.integer("cmdprio_class", 0, "Set asynchronous IO priority class (not supported yet)");
    public static final EngineOption<Long> CMDPRIO =
            EngineOption.integer("cmdprio", 0, "Set asynchronous IO priority level (not supported yet)");
    public static final EngineOption<String> CMDPRIO_BSSPLIT = EngineOption.string(
            "cmdprio_bssplit", null, "Set priority percentages for different block sizes (not supported yet)");

    /** The four, in fio's order. */
    public static final List<EngineOption<?>> ALL =
            List.of(CMDPRIO_PERCENTAGE, CMDPRIO_CLASS, CMDPRIO, CMDPRIO_BSSPLIT);

    private PriorityOptions() {}

    /** Fails when the job sets any of them; call from the engine's setup (main thread). */
    public static void refuseIfSet(JobView job, String engine) throws IOException {
        for (EngineOption<?> option : ALL) {
            if (job.isSet(option)) {
                throw new IOException("ioengine=" + engine + ": option '" + option.name()
                        + "' is not supported yet (jfio keeps no per-priority statistics); remove it");
            }
        }
    }
}
