package dev.jfio.run;

import dev.jfio.job.IoOps;
import dev.jfio.job.JobSpec;
import dev.jfio.job.Replay;
import dev.jfio.job.RwMode;
import dev.jfio.spi.IoOp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One iolog a job clone replays ({@code read_iolog}), read before the job starts as fio's
 * init_iolog reads it: the files its "add" lines name (or {@code replay_redirect}'s one file), the
 * directions and largest block size of its I/Os (which become the clone's rw and block sizes), its
 * bytes, and, unless {@code read_iolog_chunked}, its entries, kept in primitive arrays. The entries
 * are shaped here: {@code replay_skip} and {@code --readonly} drop theirs (their time still passes),
 * {@code replay_scale} and {@code replay_align} move offsets, and each entry carries the gap since
 * the previous line, scaled by {@code replay_time_scale} (none under {@code replay_no_stall}).
 *
 * <p>Thread contract: built on the runner's main thread; afterwards its arrays are only read, so
 * the clones replaying one log share it. {@link #next} belongs to one reader's thread.
 */
final class ReplayLog {
    /** Entry kinds besides the I/O ops, which are their {@link IoOp} ordinals (FLUSH for sync). */
    static final byte OPEN = 4;

    static final byte CLOSE = 5;
    static final byte WAIT = 6;

    final String source;
    final Replay options;
    private final boolean readOnly;
    /** The replay's files, by index: the log's "add" lines in order, or replay_redirect's one. */
    final List<String> files = new ArrayList<>();

    private final List<byte[]> names = new ArrayList<>();
    /** Per file: the end of the furthest I/O, for the clone's regions. */
    private long[] extent = new long[4];

    private final boolean[] used = new boolean[IoOps.DATA.length];
    private final int[] maxBs = new int[IoOps.DATA.length];
    /** Bytes of read, write and trim I/O. */
    long bytes;

    private long dropped;
    /** The spec each clone replaying this log runs. */
    final JobSpec spec;

    // the kept entries (all of them unless chunked)
    private byte[] kinds = new byte[1024];
    private int[] fileOf = new int[1024];
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private long[] gaps = new long[1024];
    int count;

    private ReplayLog(JobSpec base, String source, boolean readOnly, PrintStream notices) throws IOException {
        this.source = source;
        this.options = base.replay();
        this.readOnly = readOnly;
        if (options.chunked() && (source.equals("-") || !Files.isRegularFile(Path.of(source)))) {
            throw new IOException("read_iolog_chunked=1 needs read_iolog to be a regular file (jfio reads the log"
                    + " once for its files and block sizes before the job starts), and " + source + " is not");
        }
        if (options.redirect() != null) {
            addFile(options.redirect());
        }
        long written = 0;
        try (IologReader r = IologReader.open(source)) {
            Entry e = new Entry();
            while (next(r, e, true)) {
                if (e.kind <= IoOp.TRIM.ordinal()) {
                    used[e.kind] = true;
                    maxBs[e.kind] = Math.max(maxBs[e.kind], e.length);
                    bytes += e.length;
                    extent[e.file] = Math.max(extent[e.file], e.offset + e.length);
                }
                if (!options.chunked()) {
                    keep(e);
                }
            }
        }
        if (readOnly && dropped > 0) {
            notices.println(
                    "fio: <" + base.name() + "> skips replay of " + dropped + " writes and trims due to read-only");
        }
        if (!used[0] && !used[1] && !used[2]) {
            throw new IOException("read_iolog " + source + " has no read, write or trim to replay");
        }
        this.spec = base.replaying(rwOf(used), maxBs, files);
    }

    /**
     * Reads {@code source}, a log {@code spec}'s clones replay.
     *
     * @throws SetupFailedException with a one-line message naming the job when it cannot be replayed
     */
    static ReplayLog read(JobSpec spec, String source, boolean readOnly, PrintStream notices) {
        try {
            return new ReplayLog(spec, source, readOnly, notices);
        } catch (IOException e) {
            throw new SetupFailedException(spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The mode whose directions are the log's: fio makes a replay read, write or rw from its log. */
    private static RwMode rwOf(boolean[] used) {
        boolean r = used[IoOp.READ.ordinal()];
        boolean w = used[IoOp.WRITE.ordinal()];
        boolean t = used[IoOp.TRIM.ordinal()];
        if (t) {
            return r ? RwMode.REPLAYED_MIX : w ? RwMode.TRIMWRITE : RwMode.TRIM;
        }
        return r && w ? RwMode.RW : r ? RwMode.READ : RwMode.WRITE;
    }

    /**
     * Sets each target's region to what the log reaches in it and the clone's budget to the log's
     * bytes. A diskless engine's targets stand for the log's files in order, or all of them when it
     * has one.
     *
     * @throws SetupFailedException when the engine's targets cannot stand for the log's files
     */
    void layOut(JobClone clone) {
        int n = clone.targets.size();
        if (n != files.size() && n != 1) {
            throw new SetupFailedException(clone.spec.name() + ": ioengine=" + clone.provider.name() + " set up " + n
                    + " targets to replay the " + files.size() + " files of read_iolog " + source);
        }
        clone.regionStart = new long[n];
        clone.regionLength = new long[n];
        for (int f = 0; f < files.size(); f++) {
            int t = targetOf(f, n);
            clone.regionLength[t] = Math.max(clone.regionLength[t], extent[f]);
        }
        clone.budget = bytes;
        clone.budgetWraps = false;
    }

    /** The target index file {@code f} of the log goes to among {@code targets} targets. */
    static int targetOf(int f, int targets) {
        return targets == 1 ? 0 : f;
    }

    /** Whether the entries are read as the replay goes (read_iolog_chunked). */
    boolean chunked() {
        return options.chunked();
    }

    /** Copies kept entry {@code i} into {@code e}. */
    void entry(int i, Entry e) {
        e.kind = kinds[i];
        e.file = fileOf[i];
        e.offset = offsets[i];
        e.length = lengths[i];
        e.gapNanos = gaps[i];
    }

    /** Opens the log again for a chunked replay, past its version line. */
    IologReader reopen() throws IOException {
        return IologReader.open(source);
    }

    /**
     * The log's next entry to replay, shaped by the replay's options, into {@code e}.
     *
     * @param scanning true on the first read (adds register files), false when a chunked replay reads it again
     * @return false at the end of the log
     */
    boolean next(IologReader r, Entry e, boolean scanning) throws IOException {
        while (r.next()) {
            long gap = 0;
            if (r.version == 3) {
                // fio's delay_since_ttime: no gap after a zero timestamp or a step back
                if (!options.noStall() && r.lastTime != 0 && r.time >= r.lastTime) {
                    gap = (r.time - r.lastTime) * 1000L * 100 / options.timeScale();
                }
                r.lastTime = r.time;
            }
            r.carried += gap;
            int kind = r.kind;
            if (kind == IologReader.ADD) {
                if (scanning && options.redirect() == null && find(r) < 0) {
                    addFile(r.name());
                }
                continue;
            }
            if (kind == IologReader.WAIT && options.noStall()) {
                continue;
            }
            int file = kind == IologReader.WAIT ? 0 : find(r);
            if (file < 0) {
                throw r.bad("file " + r.name() + " was not added ('FILE add' comes first)");
            }
            if (kind == IologReader.IO) {
                IoOp op = r.op;
                if (options.skips(op)) {
                    continue;
                }
                if (readOnly && (op == IoOp.WRITE || op == IoOp.TRIM)) {
                    dropped += scanning ? 1 : 0;
                    continue;
                }
                e.kind = (byte) op.ordinal();
                e.offset = op == IoOp.FLUSH ? 0 : shape(r.offset);
                e.length = op == IoOp.FLUSH ? 0 : (int) r.length;
            } else {
                e.kind = kind == IologReader.OPEN ? OPEN : kind == IologReader.CLOSE ? CLOSE : WAIT;
                e.offset = kind == IologReader.WAIT ? r.offset : 0;
                e.length = 0;
            }
            e.file = file;
            e.gapNanos = r.carried;
            r.carried = 0;
            return true;
        }
        return false;
    }

    /** replay_scale, then replay_align, as fio's read_iolog moves an offset. */
    private long shape(long offset) {
        long o = options.scale() > 0 ? offset / options.scale() : offset;
        return options.align() > 0 ? o & ~((long) options.align() - 1) : o;
    }

    private int find(IologReader r) {
        if (options.redirect() != null) {
            return 0;
        }
        for (int f = 0; f < names.size(); f++) {
            if (r.nameIs(names.get(f))) {
                return f;
            }
        }
        return -1;
    }

    private void addFile(String name) {
        files.add(name);
        names.add(name.getBytes(StandardCharsets.UTF_8));
        if (files.size() > extent.length) {
            extent = Arrays.copyOf(extent, extent.length * 2);
        }
    }

    private void keep(Entry e) {
        if (count == kinds.length) {
            int n = count * 2;
            kinds = Arrays.copyOf(kinds, n);
            fileOf = Arrays.copyOf(fileOf, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            gaps = Arrays.copyOf(gaps, n);
        }
        kinds[count] = e.kind;
        fileOf[count] = e.file;
        offsets[count] = e.offset;
        lengths[count] = e.length;
        gaps[count] = e.gapNanos;
        count++;
    }

    /** One entry to replay; reused. */
    static final class Entry {
        /** An {@link IoOp} ordinal, or {@link #OPEN}, {@link #CLOSE}, {@link #WAIT}. */
        byte kind;
        /** The log's file index. */
        int file;
        /** The I/O's offset; a wait's milliseconds since the replay started. */
        long offset;

        int length;
        /** Nanoseconds after the previous entry (scaled), when the replay stalls. */
        long gapNanos;
    }
}
