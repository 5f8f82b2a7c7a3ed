package dev.jfio.engine.file.sync;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;
import java.util.Set;

/**
 * Engine {@code mmap}, fio's engine of that name: the file is mapped into memory and each I/O is
 * a copy between the mapping and the unit's buffer; FLUSH is msync. Stateless; safe to share.
 */
public final class MmapEngineProvider implements IoEngineProvider {
    /** The name jobs give as {@code ioengine=}. */
    public static final String NAME = "mmap";

    /** fio's {@code thp}: a private mapping advised MADV_HUGEPAGE (writes then stay in memory, as in fio). */
    public static final EngineOption<Long> THP = EngineOption.integer("thp", 0, "Memory Advise Huge Page");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "memory-mapped files: memcpy to and from an mmap(2) of the file, msync(2) to flush (fio's mmap)";
    }

    @Override
    public List<EngineOption<?>> options() {
        return List.of(THP);
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new MmapEngine(job);
    }
}
