package dev.jfio.run;

import dev.jfio.job.JobSpec;

/** When the I/O loop flushes: every {@code fsync} writes, and at the end with {@code end_fsync}. Job thread only. */
final class SyncCadence {
    private final int every;
    private final boolean atEnd;
    private int writesSinceSync;

    SyncCadence(JobSpec spec) {
        this.every = spec.sync().flushEvery();
        this.atEnd = spec.sync().endFsync() && spec.rw().writes();
    }

    /** A write was submitted. */
    void wrote() {
        writesSinceSync++;
    }

    /** True (once) when a flush is due: {@code fsync} writes were submitted since the last one. */
    boolean flushDue() {
        if (every > 0 && writesSinceSync >= every) {
            writesSinceSync = 0;
            return true;
        }
        return false;
    }

    /** Whether the job flushes once its I/O is done (end_fsync, for a job that writes). */
    boolean flushAtEnd() {
        return atEnd;
    }
}
