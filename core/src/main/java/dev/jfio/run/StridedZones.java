package dev.jfio.run;

import dev.jfio.job.Zoning;
import dev.jfio.spi.IoTarget;
import dev.jfio.workload.OffsetGenerator;

/**
 * fio's {@code zonemode=strided} for one target (fio's setup_strided_zone_mode): the target's
 * offset generators cover one zone of {@code zonerange} bytes from the job's start; after
 * {@code zonesize} bytes the zone moves {@code zonerange + zoneskip} on, wrapping to the start once
 * it reaches the end of the file. Within a zone, a sequential job wraps to the zone's start and a
 * random job's map starts over whenever the zone's blocks are used up (zonesize above zonerange).
 * Job thread only; {@link #next} allocates nothing.
 */
final class StridedZones {
    private final Zoning zoning;
    private final IoTarget target;
    private final long regionStart;
    private final OffsetGenerator[] generators;
    /** The zone's start, relative to the job's start on the target. */
    private long zoneStart;
    /** Bytes transferred in this zone (fio's zone_bytes). */
    private long zoneBytes;

    /** @param generators the target's offset generators, each over [regionStart, regionStart + zonerange) */
    StridedZones(Zoning zoning, IoTarget target, long regionStart, OffsetGenerator[] generators) {
        this.zoning = zoning;
        this.target = target;
        this.regionStart = regionStart;
        this.generators = generators.clone();
    }

    /** The next offset from {@code g} (one of this target's) placed in the current zone, or -1 past the file's end. */
    long next(OffsetGenerator g, int len, int kind) {
        if (zoneBytes >= zoning.size()) {
            zoneBytes = 0;
            zoneStart += zoning.range() + zoning.skip();
            long end = target.size() > 0 ? target.size() : Long.MAX_VALUE;
            if (regionStart + zoneStart >= end) {
                zoneStart = 0;
            }
            restartGenerators();
        }
        long off = g.next(len, kind);
        if (off < 0) {
            g.nextPass(); // the zone's blocks are used up but its bytes are not: go round it again
            off = g.next(len, kind);
            if (off < 0) {
                return -1;
            }
        }
        off += zoneStart;
        if (target.size() > 0 && off + g.lastLength() > target.size()) {
            return -1; // as fio: an I/O past the end of the file ends the job's I/O
        }
        zoneBytes += g.lastLength();
        return off;
    }

    /** A new loop starts at the first zone. */
    void reset() {
        zoneStart = 0;
        zoneBytes = 0;
    }

    private void restartGenerators() {
        for (int i = 0; i < generators.length; i++) {
            if (i == 0 || generators[i] != generators[i - 1]) {
                generators[i].nextPass();
            }
        }
    }
}
