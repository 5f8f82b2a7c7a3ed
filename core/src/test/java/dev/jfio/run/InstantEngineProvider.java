package dev.jfio.run;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.util.Set;

/**
 * Test engine "instant": completes every I/O at once, synchronously, on 1 MiB targets. Recording
 * engines extend it, naming themselves and looking at each I/O in {@link #seen}.
 */
public class InstantEngineProvider implements IoEngineProvider {
    @Override
    public String name() {
        return "instant";
    }

    @Override
    public String description() {
        return "completes every I/O at once";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS);
    }

    /** Each I/O as it is queued, before it completes; on the job thread. */
    protected void seen(IoUnit unit) {}

    @Override
    public IoEngine create(JobView job) {
        return new IoEngine() {
            @Override
            public void setup(SetupContext setup) {
                for (IoTarget target : setup.targets()) {
                    target.setSize(1 << 20);
                }
            }

            @Override
            public QueueResult queue(IoUnit unit) {
                seen(unit);
                unit.complete(unit.length());
                return QueueResult.COMPLETED;
            }
        };
    }
}
