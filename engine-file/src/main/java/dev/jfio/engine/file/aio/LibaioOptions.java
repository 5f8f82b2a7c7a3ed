package dev.jfio.engine.file.aio;

import dev.jfio.spi.EngineOption;
import java.util.List;

/** The options of the {@code libaio} engine: fio 3.33's, with its names and help texts. */
public final class LibaioOptions {
    private LibaioOptions() {}

    public static final EngineOption<Boolean> USERSPACE_REAP = EngineOption.bool(
            "userspace_reap",
            false,
            "Use alternative user-space reap implementation (read completions from the kernel's ring)");
    public static final EngineOption<Boolean> NOWAIT =
            EngineOption.bool("nowait", false, "Set RWF_NOWAIT for reads/writes");
    public static final EngineOption<Long> CMDPRIO_PERCENTAGE = EngineOption.integer(
            "cmdprio_percentage", 0, "Send high priority I/O this percentage of the time (not supported yet)");
    public static final EngineOption<Long> CMDPRIO_CLASS =
            EngineOption.integer("cmdprio_class", 0, "Set asynchronous IO priority class (not supported yet)");
    public static final EngineOption<Long> CMDPRIO =
            EngineOption.integer("cmdprio", 0, "Set asynchronous IO priority level (not supported yet)");
    public static final EngineOption<String> CMDPRIO_BSSPLIT = EngineOption.string(
            "cmdprio_bssplit", null, "Set priority percentages for different block sizes (not supported yet)");

    /** Every option, in fio's order. */
    public static final List<EngineOption<?>> ALL =
            List.of(USERSPACE_REAP, CMDPRIO_PERCENTAGE, CMDPRIO_CLASS, CMDPRIO, CMDPRIO_BSSPLIT, NOWAIT);

    /** The options declared so fio's job files fail loudly: jfio refuses them when set. */
    static final List<EngineOption<?>> NOT_SUPPORTED_YET =
            List.of(CMDPRIO_PERCENTAGE, CMDPRIO_CLASS, CMDPRIO, CMDPRIO_BSSPLIT);
}
