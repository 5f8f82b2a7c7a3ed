package dev.jfio.engine.file.aio;

import dev.jfio.engine.file.PriorityOptions;
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
    /** Every option, in fio's order. */
    public static final List<EngineOption<?>> ALL = List.of(
            USERSPACE_REAP,
            PriorityOptions.CMDPRIO_PERCENTAGE,
            PriorityOptions.CMDPRIO_CLASS,
            PriorityOptions.CMDPRIO,
            PriorityOptions.CMDPRIO_BSSPLIT,
            NOWAIT);
}
