package dev.jfio.run;

import dev.jfio.workload.Rng;

/**
 * Which of a job's files the next I/O goes to: fio's {@code file_service_type}.
 *
 * <ul>
 *   <li>{@link Kind#ROUNDROBIN} (the default): the next file after every {@code N} I/Os;
 *   <li>{@link Kind#SEQUENTIAL}: one file until its region is done, then the next;
 *   <li>{@link Kind#RANDOM}: a file chosen at random, kept for {@code N} I/Os.
 * </ul>
 * A file whose region is done for this pass is skipped until {@link #reset}. Allocates nothing
 * after construction. Thread contract: the job thread only.
 */
final class TargetSelector {
    /** The kinds of file_service_type jfio supports. */
    enum Kind { ROUNDROBIN, SEQUENTIAL, RANDOM }

    private final Kind kind;
    private final int switchEvery;
    private final boolean[] done;
    private final Rng rng;
    private int live;
    private int current;
    private int issuedOnCurrent;

    /**
     * @param kind        how to choose
     * @param switchEvery I/Os per file before moving on (1 or more; ignored by SEQUENTIAL)
     * @param count       number of files (1 or more)
     * @param seed        seed of the RANDOM choice
     */
    TargetSelector(Kind kind, int switchEvery, int count, long seed) {
        if (count < 1 || switchEvery < 1) {
            throw new IllegalArgumentException("need at least one file and one I/O per switch");
        }
        this.kind = kind;
        this.switchEvery = switchEvery;
        this.done = new boolean[count];
        this.rng = new Rng(seed);
        reset();
    }

    /** Every file is live again (a new pass); the choice starts over at the first file. */
    void reset() {
        java.util.Arrays.fill(done, false);
        live = done.length;
        current = kind == Kind.RANDOM ? pickRandom() : 0;
        issuedOnCurrent = 0;
    }

    /** The file of the next I/O. Assumes at least one file is live. */
    int next() {
        if (kind != Kind.SEQUENTIAL && issuedOnCurrent >= switchEvery) {
            current = kind == Kind.RANDOM ? pickRandom() : nextLive(current);
            issuedOnCurrent = 0;
        }
        issuedOnCurrent++;
        return current;
    }

    /**
     * File {@code t} has nothing more to do in this pass.
     *
     * @return the file to use instead, or -1 when every file is done
     */
    int exhausted(int t) {
        if (!done[t]) {
            done[t] = true;
            live--;
        }
        if (live == 0) {
            return -1;
        }
        current = kind == Kind.RANDOM ? pickRandom() : nextLive(t);
        issuedOnCurrent = 1;
        return current;
    }

    private int nextLive(int from) {
        int n = done.length;
        for (int i = 1; i <= n; i++) {
            int c = (from + i) % n;
            if (!done[c]) {
                return c;
            }
        }
        return from;
    }

    private int pickRandom() {
        int k = rng.nextInt(live);
        for (int i = 0; i < done.length; i++) {
            if (!done[i] && k-- == 0) {
                return i;
            }
        }
        return 0;
    }
}
