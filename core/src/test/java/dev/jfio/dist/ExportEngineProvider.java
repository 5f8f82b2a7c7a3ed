package dev.jfio.dist;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.util.List;
import java.util.Set;

/**
 * Test engine "export": like nbd, a diskless engine whose one target has a size the engine tells
 * in setup (8 MiB), so that a job without size= works on all of it; completes every I/O at once.
 */
public final class ExportEngineProvider implements IoEngineProvider {
    /** The size setup gives the export. */
    static final long SIZE = 8L << 20;

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String description() {
        return "an 8 MiB export that completes every I/O at once";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.DISKLESS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new IoEngine() {
            @Override
            public void setup(SetupContext setup) {
                IoTarget export = new IoTarget("export");
                export.fixSize(SIZE);
                setup.setTargets(List.of(export));
            }

            @Override
            public QueueResult queue(IoUnit unit) {
                unit.complete(unit.length());
                return QueueResult.COMPLETED;
            }
        };
    }
}
