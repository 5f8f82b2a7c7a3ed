package dev.jfio.engine.file.ops;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;
import java.util.Set;

/**
 * The provider of one of fio's file-operation engines ({@link PathOp}): synchronous, each open
 * the timed operation ({@link EngineFlag#TIMED_OPEN}), no data moved. Stateless; safe to share.
 */
public abstract class PathOpProvider implements IoEngineProvider {
    private final PathOp op;

    PathOpProvider(PathOp op) {
        this.op = op;
    }

    @Override
    public final String name() {
        return op.engine;
    }

    @Override
    public final String description() {
        return op.description;
    }

    @Override
    public final List<EngineOption<?>> options() {
        return op.stats() ? List.of(StatType.OPTION) : List.of();
    }

    @Override
    public final Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.TIMED_OPEN, EngineFlag.NO_DATA_TRANSFER);
    }

    @Override
    public final IoEngine create(JobView job) {
        return new PathOpEngine(job, op);
    }
}
