package dev.jfio.engine.file.sync;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;
import java.util.Set;

/**
 * Engine {@code pvsync2}, fio's engine of that name: preadv2 and pwritev2 with one vector and
 * fio's options for their RWF flags ({@code hipri}, {@code hipri_percentage}, {@code nowait},
 * {@code uncached}), one I/O at a time. Stateless; safe to share.
 */
public final class Pvsync2EngineProvider implements IoEngineProvider {
    /** The name jobs give as {@code ioengine=}. */
    public static final String NAME = "pvsync2";

    /** fio's {@code hipri}: RWF_HIPRI (polled completion where the device has poll queues). */
    public static final EngineOption<Boolean> HIPRI =
            EngineOption.bool("hipri", false, "Set RWF_HIPRI for pwritev2/preadv2");
    /** fio's {@code hipri_percentage}: the share of I/Os that get RWF_HIPRI, 0 to 100. */
    public static final EngineOption<Long> HIPRI_PERCENTAGE = EngineOption.integer(
            "hipri_percentage", 100, "Probabilistically set RWF_HIPRI for pwritev2/preadv2 (0 to 100)");
    /**
     * fio's {@code uncached}: buffered I/O that leaves no pages cached. fio 3.33 passes the flag
     * value 0x40 that an unmerged kernel patch had; Linux 6.14 merged it as RWF_DONTCACHE (0x80),
     * which jfio uses.
     */
    public static final EngineOption<Long> UNCACHED =
            EngineOption.integer("uncached", 0, "Use RWF_DONTCACHE (fio: RWF_UNCACHED) for buffered read/writes");
    /** fio's {@code nowait}: RWF_NOWAIT, an I/O that would block fails with EAGAIN. */
    public static final EngineOption<Boolean> NOWAIT =
            EngineOption.bool("nowait", false, "Set RWF_NOWAIT for pwritev2/preadv2");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "preadv2(2)/pwritev2(2) with RWF flags on files and block devices (fio's pvsync2)";
    }

    @Override
    public List<EngineOption<?>> options() {
        return List.of(HIPRI, HIPRI_PERCENTAGE, UNCACHED, NOWAIT);
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new Pvsync2Engine(job);
    }
}
