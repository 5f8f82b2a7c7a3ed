package dev.jfio.engine.file;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;
import java.util.Set;

/**
 * Engine {@code file} (aliases {@code psync}, {@code sync}): positional reads and writes on files
 * and block devices through {@link java.nio.channels.FileChannel}, buffered or with
 * {@code direct=1} (O_DIRECT). Synchronous, as fio's psync. Stateless; safe to share.
 */
public final class FileEngineProvider implements IoEngineProvider {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public List<String> aliases() {
        return List.of("psync", "sync");
    }

    @Override
    public String description() {
        return "positional reads and writes on files and block devices (pread/pwrite; direct=1 for O_DIRECT)";
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
