package dev.jfio.run;

import dev.jfio.workload.Rng;
import dev.jfio.workload.SkewedIndexGenerator;

/**
 * Which of a job's files the next I/O goes to: fio's {@code file_service_type}, among the files
 * that are open ({@code openfiles}).
 *
 * <ul>
 *   <li>{@link Kind#ROUNDROBIN} (the default): the next open file after every {@code N} I/Os;
 *   <li>{@link Kind#SEQUENTIAL}: one file until its region is done, then the next;
 *   <li>{@link Kind#RANDOM}: an open file chosen at random, kept for {@code N} I/Os; with a
 *       skew (zipf, pareto, normal), as fio: a draw over {@code count << 10} ranges, shifted
 *       down by 10, names the file, redrawn while that file is not open (after
 *       {@value #SKEW_DRAWS} draws a uniform pick among the open ones, where fio would go on).
 * </ul>
 * Each file is waiting (not open yet), active (open) or done for this pass. At most
 * {@code openCap} files are active: the first ones at the start of each pass; when one is done,
 * the caller closes it and activates the next waiting one ({@link #nextWaiting},
 * {@link #activate}). Allocates nothing after construction. Thread contract: the job thread only.
 */
final class TargetSelector {
    /** The kinds of file_service_type jfio supports. */
    enum Kind {
        ROUNDROBIN,
        SEQUENTIAL,
        RANDOM
    }

    /** fio's FIO_FSERVICE_SHIFT: a skewed draw is over {@code count << 10} ranges. */
    static final int SKEW_SHIFT = 10;

    /** Draws of a skewed pick before falling back to a uniform one among the open files. */
    static final int SKEW_DRAWS = 1000;

    private final Kind kind;
    private final int switchEvery;
    private final int openCap;
    private final boolean[] done;
    private final boolean[] active;
    private final Rng rng;
    private final SkewedIndexGenerator skew;
    private int live;
    private int current;
    private int issuedOnCurrent;

    /** A selector with every file open at once. */
    TargetSelector(Kind kind, int switchEvery, int count, long seed) {
        this(kind, switchEvery, count, count, seed);
    }

    /**
     * @param kind        how to choose
     * @param switchEvery I/Os per file before moving on (1 or more; ignored by SEQUENTIAL)
     * @param count       number of files (1 or more)
     * @param openCap     how many files may be open at once (1 or more)
     * @param seed        seed of the RANDOM choice
     */
    TargetSelector(Kind kind, int switchEvery, int count, int openCap, long seed) {
        this(kind, switchEvery, count, openCap, seed, null);
    }

    /**
     * A RANDOM selector whose draws follow {@code skew}, a generator over {@code count << 10}
     * ranges (fio's FIO_FSERVICE_SHIFT), or uniform when {@code skew} is null.
     */
    TargetSelector(Kind kind, int switchEvery, int count, int openCap, long seed, SkewedIndexGenerator skew) {
        if (count < 1 || switchEvery < 1 || openCap < 1) {
            throw new IllegalArgumentException("need at least one file, one open file and one I/O per switch");
        }
        this.kind = kind;
        this.switchEvery = switchEvery;
        this.openCap = Math.min(openCap, count);
        this.done = new boolean[count];
        this.active = new boolean[count];
        this.rng = new Rng(seed);
        this.skew = skew;
        reset();
    }

    /** Whether fewer files may be open than there are: the caller opens and closes files as they finish. */
    boolean capped() {
        return openCap < done.length;
    }

    /** A new pass: no file is done, the first {@code openCap} are active, the choice starts over. */
    void reset() {
        java.util.Arrays.fill(done, false);
        java.util.Arrays.fill(active, false);
        java.util.Arrays.fill(active, 0, openCap, true);
        live = openCap;
        current = kind == Kind.RANDOM ? pickRandom() : 0;
        issuedOnCurrent = 0;
    }

    /** Whether file {@code t} is active (open) now. */
    boolean isActive(int t) {
        return active[t];
    }

    /** The file of the next I/O. Assumes at least one file is active. */
    int next() {
        if (done.length == 1) {
            return 0; // one target, the usual case: no switching to do
        }
        if (kind != Kind.SEQUENTIAL && issuedOnCurrent >= switchEvery) {
            current = kind == Kind.RANDOM ? pickRandom() : nextActive(current);
            issuedOnCurrent = 0;
        }
        issuedOnCurrent++;
        return current;
    }

    /**
     * File {@code t} has nothing more to do in this pass: it is done (and no longer active).
     *
     * @return the active file to use instead, or -1 when no file is active (every file is done,
     *     or the caller has to {@link #activate} a waiting one first)
     */
    int exhausted(int t) {
        if (!done[t]) {
            done[t] = true;
            if (active[t]) {
                active[t] = false;
                live--;
            }
        }
        if (live == 0) {
            return -1;
        }
        current = kind == Kind.RANDOM ? pickRandom() : nextActive(t);
        issuedOnCurrent = 1;
        return current;
    }

    /** The first file that is neither active nor done, or -1. */
    int nextWaiting() {
        for (int i = 0; i < done.length; i++) {
            if (!done[i] && !active[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Makes waiting file {@code t} active (the caller has opened it). When no other file is
     * active, it becomes the current one, as the file of the I/O being planned.
     */
    void activate(int t) {
        if (!active[t] && !done[t]) {
            active[t] = true;
            live++;
            if (live == 1) {
                current = t;
                issuedOnCurrent = 1;
            }
        }
    }

    private int nextActive(int from) {
        int n = active.length;
        for (int i = 1; i <= n; i++) {
            int c = from + i < n ? from + i : from + i - n;
            if (active[c]) {
                return c;
            }
        }
        return from;
    }

    private int pickRandom() {
        if (skew != null) {
            for (int i = 0; i < SKEW_DRAWS; i++) {
                long f = skew.next() >> SKEW_SHIFT;
                if (f < active.length && active[(int) f]) {
                    return (int) f;
                }
            }
        }
        int k = rng.nextInt(live);
        for (int i = 0; i < active.length; i++) {
            if (active[i] && k-- == 0) {
                return i;
            }
        }
        return 0;
    }
}
