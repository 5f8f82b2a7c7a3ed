package dev.jfio.engine.nul;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;
import java.util.Set;

/**
 * Engine {@code null}: completes every I/O at once without moving data, as fio's null engine, to
 * measure jfio's own overhead. Stateless; safe to share.
 */
public final class NullEngineProvider implements IoEngineProvider {
    /** {@code null_mode}: sync completes in queue, async in getEvents, auto is async when iodepth &gt; 1. */
    public static final EngineOption<String> NULL_MODE = EngineOption.choice(
            "null_mode",
            "auto",
            "sync: complete each I/O in queue; async: queue it and complete it in getevents;"
                    + " auto: async when iodepth > 1 (fio's behaviour)",
            "sync",
            "async",
            "auto");

    @Override
    public String name() {
        return "null";
    }

    @Override
    public String description() {
        return "completes every I/O at once without moving data (measures jfio's own overhead)";
    }

    @Override
    public List<EngineOption<?>> options() {
        return List.of(NULL_MODE);
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.DISKLESS);
    }

    @Override
    public IoEngine create(JobView job) {
        String mode = job.get(NULL_MODE);
        boolean async = "async".equals(mode) || ("auto".equals(mode) && job.iodepth() > 1);
        return new NullEngine(job, async);
    }
}
