package dev.jfio.engine.nbd;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code nbd} engine: benchmarks an NBD server directly with a pure-Java, pipelined client.
 * One instance per run: the engines it creates share its {@link NbdRunState}. Thread-safe.
 */
public final class NbdEngineProvider implements IoEngineProvider {
    private final NbdRunState run = new NbdRunState();

    @Override
    public String name() {
        return "nbd";
    }

    @Override
    public String description() {
        return "NBD client: pipelined requests to an NBD server (uri/sockname/host), "
                + "or to an embedded memory server when none is named";
    }

    @Override
    public List<EngineOption<?>> options() {
        return NbdOptions.ALL;
    }

    @Override
    public Set<EngineFlag> flags() {
        return EnumSet.of(EngineFlag.DISKLESS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new NbdEngine(job, run);
    }
}
