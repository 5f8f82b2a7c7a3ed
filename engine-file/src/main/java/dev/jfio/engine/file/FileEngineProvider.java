package dev.jfio.engine.file;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.Set;

/**
 * Engine {@code file}: positional reads and writes on files and block devices through
 * {@link java.nio.channels.FileChannel}, buffered or with {@code direct=1} (O_DIRECT); jfio's
 * portable engine (fio's {@code psync} and {@code sync} are engines of their own, in
 * {@code dev.jfio.engine.file.sync}). Synchronous. Stateless; safe to share.
 */
public final class FileEngineProvider implements IoEngineProvider {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public String description() {
        return "portable positional reads and writes through Java's FileChannel on files and block devices (direct=1 for O_DIRECT)";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new FileEngine(job);
    }
}
