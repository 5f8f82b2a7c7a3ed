package dev.jfio.run;

import dev.jfio.job.IoOps;
import dev.jfio.job.JobSpec;
import dev.jfio.job.RwMode;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.stats.JobStats;
import dev.jfio.workload.BlockSizeGenerator;
import dev.jfio.workload.DirectionMixer;
import dev.jfio.workload.OffsetGenerator;
import java.io.IOException;

/**
 * What the next I/O is (fio's get_io_u): its direction, file, block size, offset and scheduled
 * time, within the pass's byte budget. A plan stays until it is submitted, so an I/O the engine
 * refused (BUSY) or that waits for its rate slot is the one that goes next. Job thread only.
 */
final class IoPlanner extends IoSource {
    /** Per target and data direction; random jobs share one generator among the directions. */
    private final OffsetGenerator[][] offsets;
    /** zonemode=strided per target, or null. */
    private final StridedZones[] zones;

    private final BlockSizeGenerator[] blockSizes;
    /** percentage_random per direction. */
    private final int[] percentRandom;
    /** bs_is_seq_rand: sequential I/Os take the read block sizes, random ones the write block sizes. */
    private final boolean bsIsSeqRand;
    /** number_ios: I/Os per pass, 0 for no limit. */
    private final long numberIos;

    private long iosThisPass;
    private final DirectionMixer mixer;
    /** The issue counts fio's rwmix cycle follows. */
    private final JobStats stats;

    private final OpenFiles files;
    private final Pacer pacer;
    /** Bytes per pass: io_size, or the whole region. */
    private final long budget;
    /** Whether a pass goes round the region more than once (io_size above size). */
    private final boolean budgetWraps;

    private final boolean timeBased;
    private final boolean skewedFiles;
    private long issuedThisPass;

    private final boolean trimWrite;
    // trimwrite: the block just trimmed, which the next I/O writes
    private boolean trimDone;
    private int trimTarget;
    private long trimOffset;
    private int trimLength;

    IoPlanner(JobClone clone, IoTarget[] targets, Seeds seeds, OpenFiles files, Pacer pacer) throws IOException {
        super(targets);
        JobSpec spec = clone.spec;
        RwMode rw = spec.rw();
        this.files = files;
        this.pacer = pacer;
        this.offsets = new OffsetGenerator[targets.length][IoOps.DATA.length];
        IoOp[] used = usedDirections(rw);
        boolean shareAmongDirections = rw.random() && sameAlignment(spec, used) && Workloads.sameZones(spec, used);
        this.zones = spec.sequencing().zones().strided() ? new StridedZones[targets.length] : null;
        for (int t = 0; t < targets.length; t++) {
            long start = clone.regionStart[t];
            long length = zones != null ? spec.sequencing().zones().range() : clone.regionLength[t];
            int streams = 100 * (t + 1);
            OffsetGenerator shared =
                    shareAmongDirections ? Workloads.offsets(spec, used, start, length, seeds.stream(streams)) : null;
            for (IoOp d : IoOps.DATA) {
                offsets[t][d.ordinal()] = shared != null
                        ? shared
                        : Workloads.offsets(
                                spec, new IoOp[] {d}, start, length, seeds.stream(streams + 1 + d.ordinal()));
            }
            if (zones != null) {
                zones[t] = new StridedZones(spec.sequencing().zones(), targets[t], start, offsets[t]);
            }
        }
        this.percentRandom = new int[IoOps.DATA.length];
        for (IoOp d : IoOps.DATA) {
            percentRandom[d.ordinal()] = spec.randomness().percentageRandom(d);
        }
        this.bsIsSeqRand = spec.sequencing().bsIsSeqRand();
        this.numberIos = spec.sequencing().numberIos();
        this.blockSizes = new BlockSizeGenerator[IoOps.DATA.length];
        for (IoOp d : IoOps.DATA) {
            // as fio: with verify, reads draw the sizes writes drew (one seed), so a read-back job sees
            // the blocks a write job laid down; trimwrite's trims and writes share one seed too
            int stream = 10 + d.ordinal();
            if (d == IoOp.WRITE && spec.verify().mode() != null) {
                stream = 10 + IoOp.READ.ordinal();
            }
            if (d == IoOp.TRIM && rw.trims() && rw.writes()) {
                stream = spec.verify().mode() != null ? 10 + IoOp.READ.ordinal() : 10 + IoOp.WRITE.ordinal();
            }
            blockSizes[d.ordinal()] = Workloads.blockSizes(spec, d, seeds.stream(stream));
        }
        this.stats = clone.stats;
        this.mixer = new DirectionMixer(rw.reads(), rw.writes(), rw.trims(), spec.rwmixread(), seeds.stream(20));
        this.trimWrite = rw.trims() && rw.writes(); // trimwrite and randtrimwrite
        this.budget = clone.budget;
        this.budgetWraps = clone.budgetWraps;
        this.timeBased = spec.timing().timeBased();
        this.skewedFiles = spec.region().files().service().skewed();
    }

    /** The planned I/O was queued: the next call to {@link #planNext} plans another. */
    @Override
    public void submitted() {
        unplanned = 1;
    }

    /** Measuring starts after ramp_time: the pass's budget counts from here. */
    @Override
    public void restartBudget() {
        issuedThisPass = 0;
        iosThisPass = 0;
    }

    /**
     * Plans the next I/O: direction, target, block size, offset and its scheduled time.
     *
     * @return false when the pass is done (its budget issued, or every file's blocks)
     */
    @Override
    public boolean planNext() throws IOException {
        if ((issuedThisPass >= budget && !(trimWrite && trimDone)) || (numberIos > 0 && iosThisPass >= numberIos)) {
            return false; // a trimwrite pair is never split: its write follows the pass's last trim
        }
        IoOp dir = trimWrite
                ? (trimDone ? IoOp.WRITE : IoOp.TRIM)
                : mixer.next(stats.issued(IoOp.READ), stats.issued(IoOp.WRITE));
        int t;
        long off;
        int len;
        if (trimWrite && dir == IoOp.WRITE) {
            // fio's trimwrite writes the block it has just trimmed
            t = trimTarget;
            off = trimOffset;
            len = trimLength;
            trimDone = false;
        } else {
            t = files.next();
            OffsetGenerator offsetsOf = offsets[t][dir.ordinal()];
            int kind = offsetsOf.nextKind(percentRandom[dir.ordinal()]);
            len = blockSizes[sizeDirection(dir, kind)].next();
            off = zones == null ? offsetsOf.next(len, kind) : zones[t].next(offsetsOf, len, kind);
            while (off < 0) {
                if (skewedFiles) {
                    // fio resets a file of a non-uniform file_service_type instead of finishing it
                    offsets[t][dir.ordinal()].nextPass();
                    off = nextOffset(t, dir, len);
                    if (off < 0) {
                        return false;
                    }
                    break;
                }
                // this file is done for the pass: move on to one that is not
                t = files.nextAfter(t);
                if (t < 0) {
                    if (!budgetWraps) {
                        return false;
                    }
                    // io_size beyond the files' regions: every file starts over
                    wrapAll(dir);
                    t = files.next();
                    off = nextOffset(t, dir, len);
                    if (off < 0) {
                        return false;
                    }
                    break;
                }
                off = nextOffset(t, dir, len);
            }
            len = offsets[t][dir.ordinal()].lastLength(); // shorter where only that fits, as fio
            files.ensureOpen(t);
            if (trimWrite) {
                trimTarget = t;
                trimOffset = off;
                trimLength = len;
                trimDone = true;
            }
        }
        if (!(trimWrite && dir == IoOp.WRITE)) {
            issuedThisPass += len; // as fio, a trimwrite pair counts once: size bytes are trimmed and written
        }
        iosThisPass++;
        unplanned = 0;
        op = dir;
        target = t;
        offset = off;
        length = len;
        due = pacer.dueNanos(dir, len);
        return true;
    }

    private long nextOffset(int t, IoOp dir, int len) {
        OffsetGenerator g = offsets[t][dir.ordinal()];
        return zones == null ? g.next(len) : zones[t].next(g, len, g.nextKind(percentRandom[dir.ordinal()]));
    }

    /** A new pass (loops, or time_based running out of blocks) starts over from the first file. */
    @Override
    public void startNewPass() throws IOException {
        issuedThisPass = 0;
        iosThisPass = 0;
        files.newLoop();
        files.restart();
        for (int t = 0; zones != null && t < zones.length; t++) {
            zones[t].reset();
        }
        for (OffsetGenerator[] perTarget : offsets) {
            for (int d = 0; d < perTarget.length; d++) {
                if (d == 0 || perTarget[d] != perTarget[d - 1]) {
                    // fio replays the same offsets in each of the loops, but a time_based job
                    // that runs out of blocks carries on with the same random stream
                    if (timeBased) {
                        perTarget[d].nextPass();
                    } else {
                        perTarget[d].reset();
                    }
                }
            }
        }
    }

    /** Whose block sizes an I/O of {@code dir} takes: its own, or under bs_is_seq_rand read's (sequential) or write's (random). */
    private int sizeDirection(IoOp dir, int kind) {
        if (!bsIsSeqRand) {
            return dir.ordinal();
        }
        return OffsetGenerator.isRandom(kind) ? IoOp.WRITE.ordinal() : IoOp.READ.ordinal();
    }

    /** The data directions {@code rw} does. */
    private static IoOp[] usedDirections(RwMode rw) {
        int n = 0;
        IoOp[] all = new IoOp[IoOps.DATA.length];
        for (IoOp d : IoOps.DATA) {
            if (rw.uses(d)) {
                all[n++] = d;
            }
        }
        return java.util.Arrays.copyOf(all, Math.max(n, 1));
    }

    /** Whether the directions align random offsets alike, so that they can share one generator and its random map. */
    private static boolean sameAlignment(JobSpec spec, IoOp[] dirs) {
        for (IoOp d : dirs) {
            if (d != null && Workloads.alignment(spec, d) != Workloads.alignment(spec, dirs[0])) {
                return false;
            }
        }
        return true;
    }

    /** Starts every file's offsets of {@code dir} over within the pass (io_size above the region), and the file choice. */
    private void wrapAll(IoOp dir) throws IOException {
        files.restart();
        for (OffsetGenerator[] perTarget : offsets) {
            perTarget[dir.ordinal()].nextPass();
        }
    }
}
