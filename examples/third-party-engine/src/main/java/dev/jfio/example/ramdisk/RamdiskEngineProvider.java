package dev.jfio.example.ramdisk;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;

import java.util.List;
import java.util.Set;

/**
 * Engine {@code ramdisk}: a disk in memory. Writes are kept, reads return what was written (zeros
 * where nothing was). Each job clone has its own disk. It is asynchronous (no
 * {@link EngineFlag#SYNCHRONOUS}): the runner queues up to {@code iodepth} units and reaps them
 * through getEvents, see {@link RamdiskEngine}.
 *
 * <p>Thread contract: stateless, so one instance serves every job on any thread; found by
 * ServiceLoader through META-INF/services, which needs the public no-argument constructor.
 */
public final class RamdiskEngineProvider implements IoEngineProvider {
    /** The disk's size; 0 means the job's offset + size. */
    public static final EngineOption<Long> RAMDISK_SIZE = EngineOption.size("ramdisk_size", 0,
            "size of the in-memory disk (default: the job's offset + size)");

    @Override
    public String name() {
        return "ramdisk";
    }

    @Override
    public String description() {
        return "a disk in memory: reads return what was written (example third-party engine)";
    }

    @Override
    public List<EngineOption<?>> options() {
        return List.of(RAMDISK_SIZE);
    }

    @Override
    public Set<EngineFlag> flags() {
        // no SYNCHRONOUS: queue() may answer QUEUED or BUSY, and the runner calls getEvents
        return Set.of(EngineFlag.DISKLESS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new RamdiskEngine(job);
    }
}
