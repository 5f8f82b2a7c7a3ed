package dev.jfio.engine.cpuio;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;
import java.util.Set;

/**
 * Engine {@code cpuio}, as fio's: moves no data, burns {@code cpuload} percent of one CPU in
 * cycles of {@code cpuchunks} microseconds (spinning, or sorting with {@code cpumode=qsort}),
 * sleeping the rest of each cycle. Stateless; safe to share.
 */
public final class CpuioEngineProvider implements IoEngineProvider {
    /** {@code cpuload}: the percentage of one CPU to use; required, above 100 means 100. */
    public static final EngineOption<Long> CPULOAD =
            EngineOption.integer("cpuload", 0, "Use this percentage of CPU (required, 1-100)");
    /** {@code cpumode}: how the CPU is burnt. */
    public static final EngineOption<String> CPUMODE = EngineOption.choice(
            "cpumode", "noop", "Stress mode: noop (spin) or qsort (sort 256 Ki integers)", "noop", "qsort");
    /** {@code cpuchunks}: the length of one burn in microseconds (noop mode). */
    public static final EngineOption<Long> CPUCHUNKS =
            EngineOption.integer("cpuchunks", 50_000, "Length of the CPU burn cycles (usecs)");
    /** {@code exit_on_io_done}: end when every job that does I/O has finished. */
    public static final EngineOption<Boolean> EXIT_ON_IO_DONE =
            EngineOption.bool("exit_on_io_done", false, "Exit when IO threads finish");

    @Override
    public String name() {
        return "cpuio";
    }

    @Override
    public String description() {
        return "burns a share of one CPU (cpuload=, cpumode=, cpuchunks=) without doing I/O, as fio's cpuio";
    }

    @Override
    public List<EngineOption<?>> options() {
        return List.of(CPULOAD, CPUMODE, CPUCHUNKS, EXIT_ON_IO_DONE);
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.DISKLESS, EngineFlag.NO_IO, EngineFlag.NO_DATA_TRANSFER);
    }

    @Override
    public IoEngine create(JobView job) {
        return new CpuioEngine(job);
    }
}
