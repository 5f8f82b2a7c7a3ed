package dev.jfio.workload;

import dev.jfio.spi.IoOp;

/**
 * Chooses the data direction of each I/O, as fio's {@code rw} and {@code rwmixread} describe.
 *
 * <ul>
 *   <li>One direction (read, write, trim and their random forms): always that one.</li>
 *   <li>Reads and writes ({@code rw}/{@code randrw}): a read with probability {@code rwmixread}
 *       percent, drawn from 1..100 as fio's {@code get_rand_ddir} does; the runner uses
 *       {@link #next(long, long)}, fio's rwmix cycle, which draws only when the current
 *       direction has issued its quota. {@link #next()} draws for every I/O.</li>
 *   <li>Trims and writes ({@code trimwrite}): {@link #next()} alternates TRIM, WRITE, TRIM, ...
 *       starting with TRIM. Each WRITE rewrites the block the TRIM before it discarded: the runner
 *       draws a new offset and block size for a TRIM and reuses both for the following WRITE;
 *       {@link #repeatsPrevious()} says when.</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance per job thread. {@link #next()} allocates nothing.
 */
public final class DirectionMixer {

    private final IoOp only;
    private final boolean trimWrite;
    private final int rwmixread;
    private final long seed;
    private final Rng rng;
    private boolean trimIssued;
    private boolean repeatsPrevious;
    /** fio's rwmix_ddir and rwmix_issues: the current direction of a mix and its issue quota. */
    private IoOp current = IoOp.READ;

    private long quota;

    /**
     * @param reads     the job reads
     * @param writes    the job writes
     * @param trims     the job trims (with writes and no reads: trimwrite)
     * @param rwmixread 0..100, the read percentage when reading and writing; ignored otherwise
     * @param seed      the seed, e.g. {@link Rng#seedFor}(..., {@link Rng#STREAM_MIX})
     * @throws IllegalArgumentException with a one-line message for a combination fio has no rw mode for
     */
    public DirectionMixer(boolean reads, boolean writes, boolean trims, int rwmixread, long seed) {
        if (!reads && !writes && !trims) {
            throw new IllegalArgumentException("a job must read, write or trim");
        }
        if (trims && reads) {
            throw new IllegalArgumentException("fio has no rw mode that both reads and trims");
        }
        if (reads && writes && (rwmixread < 0 || rwmixread > 100)) {
            throw new IllegalArgumentException("rwmixread must be between 0 and 100, got " + rwmixread);
        }
        this.trimWrite = trims && writes;
        this.rwmixread = rwmixread;
        this.seed = seed;
        this.rng = new Rng(seed);
        if (reads && writes) {
            only = null;
        } else if (trimWrite) {
            only = null;
        } else if (reads) {
            only = IoOp.READ;
        } else if (writes) {
            only = IoOp.WRITE;
        } else {
            only = IoOp.TRIM;
        }
    }

    /** Whether this is fio's trimwrite: alternating TRIM and WRITE of the same block. */
    public boolean trimWrite() {
        return trimWrite;
    }

    /** The direction of the next I/O. Allocates nothing. */
    public IoOp next() {
        if (only != null) {
            repeatsPrevious = false;
            return only;
        }
        if (trimWrite) {
            trimIssued = !trimIssued;
            repeatsPrevious = !trimIssued;
            return trimIssued ? IoOp.TRIM : IoOp.WRITE;
        }
        repeatsPrevious = false;
        return rng.nextInt(100) < rwmixread ? IoOp.READ : IoOp.WRITE;
    }

    /**
     * The direction of the next I/O by fio's rwmix cycle ({@code get_rw_ddir}): a new direction is
     * drawn only once the current one has issued its quota, and on a switch the quota becomes the
     * old direction's issues times the new direction's share. The issue counts include verify
     * reads (fio's {@code io_issues}), which is why a verifying {@code rw=readwrite} job writes a
     * little more than half its bytes, as fio's t0008 checks. Allocation-free.
     *
     * @param readIssues  reads issued so far, verify reads included
     * @param writeIssues writes issued so far
     */
    public IoOp next(long readIssues, long writeIssues) {
        if (only != null || trimWrite) {
            return next();
        }
        repeatsPrevious = false;
        if ((current == IoOp.READ ? readIssues : writeIssues) >= quota) {
            IoOp drawn = rng.nextInt(100) < rwmixread ? IoOp.READ : IoOp.WRITE;
            if (drawn != current) {
                long share = drawn == IoOp.READ ? rwmixread : 100 - rwmixread;
                quota = (current == IoOp.READ ? readIssues : writeIssues) * share / 100;
            }
            current = drawn;
        }
        return current;
    }

    /**
     * Whether the direction last returned by {@link #next()} is the WRITE half of a trimwrite pair, so
     * the runner must reuse the previous I/O's offset and block size instead of drawing new ones.
     */
    public boolean repeatsPrevious() {
        return repeatsPrevious;
    }

    /** Rewinds to the state just after construction (fio re-seeds at every loop). */
    public void reset() {
        rng.setSeed(seed);
        current = IoOp.READ;
        quota = 0;
        trimIssued = false;
        repeatsPrevious = false;
    }
}
