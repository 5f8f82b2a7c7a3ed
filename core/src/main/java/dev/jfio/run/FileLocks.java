package dev.jfio.run;

import dev.jfio.job.FileLockMode;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One job's {@code lockfile} locks, by file name, shared by the job's clones (fio creates a file's
 * lock with the job and its clones inherit it, so separate jobs on one file do not lock each
 * other out). Thread-safe: the clones' threads take and release them concurrently.
 *
 * <p>As in fio, an I/O holds its file's lock while the engine queues it ({@code td_io_prep} to the
 * return of {@code td_io_queue}): a synchronous engine does the whole I/O under the lock, an
 * asynchronous one only its submission.
 */
final class FileLocks {
    private final FileLockMode mode;
    private final ConcurrentHashMap<String, Object> byName = new ConcurrentHashMap<>();

    /** @param mode EXCLUSIVE or READWRITE */
    FileLocks(FileLockMode mode) {
        if (mode == FileLockMode.NONE) {
            throw new IllegalArgumentException("lockfile=none has no locks");
        }
        this.mode = mode;
    }

    /** The locks of a job, or null for lockfile=none. */
    static FileLocks of(FileLockMode mode) {
        return mode == FileLockMode.NONE ? null : new FileLocks(mode);
    }

    /** The lock of one file: a {@link Semaphore} (exclusive) or a {@link ReadWriteLock}. */
    Object lockOf(IoTarget target) {
        return byName.computeIfAbsent(
                target.name(), n -> mode == FileLockMode.EXCLUSIVE ? new Semaphore(1) : new ReentrantReadWriteLock());
    }

    /** Takes {@code lock} (from {@link #lockOf}) for one I/O of {@code op}; waits without a bound, as fio. */
    static void lock(Object lock, IoOp op) {
        if (lock instanceof Semaphore exclusive) {
            exclusive.acquireUninterruptibly();
        } else if (op == IoOp.READ) {
            ((ReadWriteLock) lock).readLock().lock();
        } else {
            ((ReadWriteLock) lock).writeLock().lock();
        }
    }

    /** Releases what {@link #lock} took for {@code op}, on the same thread. */
    static void unlock(Object lock, IoOp op) {
        if (lock instanceof Semaphore exclusive) {
            exclusive.release();
        } else if (op == IoOp.READ) {
            ((ReadWriteLock) lock).readLock().unlock();
        } else {
            ((ReadWriteLock) lock).writeLock().unlock();
        }
    }
}
