package dev.jfio.engine.file.ops;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.Set;

/** Engine {@code ftruncate} ({@link FtruncateEngine}). Stateless; safe to share. */
public final class FtruncateProvider implements IoEngineProvider {
    @Override
    public String name() {
        return "ftruncate";
    }

    @Override
    public String description() {
        return "ftruncate per write, to the write's offset; no data moves";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.NO_DATA_TRANSFER);
    }

    @Override
    public IoEngine create(JobView job) {
        return new FtruncateEngine(job);
    }
}
