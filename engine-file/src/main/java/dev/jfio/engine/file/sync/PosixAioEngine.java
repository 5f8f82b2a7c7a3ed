package dev.jfio.engine.file.sync;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.engine.file.NativeFileEngine;
import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.PosixAio;
import dev.jfio.spi.Completions;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * fio's {@code posixaio}: each read or write is an aio_read/aio_write of a control block kept,
 * with the others, in native memory mapped in {@link #init} (one per unit, by unit index, so
 * nothing is allocated per I/O); glibc's helper threads do the pread/pwrite (one thread per file
 * descriptor, in submission order). {@code getEvents} polls the units in flight and waits in
 * aio_suspend, with the runner's timeout, on at most 8 of them, as fio does. EAGAIN from glibc is BUSY. FLUSH and TRIM are done at once once nothing is in flight
 * (fio's aio_fsync is equivalent here: the runner drains before it flushes).
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}. The control blocks are glibc's between
 * submission and completion; close and cleanup cancel and wait (bounded) for what is still in
 * flight before they close a file or unmap the blocks.
 */
final class PosixAioEngine extends NativeFileEngine {
    /** How long close and cleanup wait for cancelled requests before giving the memory up for lost. */
    private static final long CANCEL_WAIT_NANOS = 10_000_000_000L;
    /**
     * fio's SUSPEND_ENTRIES: aio_suspend waits on the first 8 requests in flight (by unit index),
     * not all of them, so a wait often ends with several requests done and one reap takes them all.
     */
    private static final int SUSPEND_ENTRIES = 8;

    private final int depth;
    private final BufferAddresses addresses;
    /** The unit in flight in each control block, by unit index; null when the block is free. */
    private final IoUnit[] inFlight;
    /** The descriptor each in-flight block was submitted on. */
    private final int[] fds;

    private int inFlightCount;
    private MappedMemory memory;
    private long blocks;
    /** The same memory as a buffer, for {@link PosixAio#mayBeDone}. */
    private ByteBuffer blockMemory;
    /** aio_suspend's list: the addresses of the blocks still in progress. */
    private long suspendList;
    /** aio_suspend's relative timeout. */
    private long timespec;
    /** Set when requests outlived the cancel wait: the memory stays mapped for glibc's threads. */
    private boolean leaked;

    PosixAioEngine(JobView job) {
        super(job, PosixAioEngineProvider.NAME);
        this.depth = Math.max(1, job.iodepth());
        this.addresses = new BufferAddresses(depth);
        this.inFlight = new IoUnit[depth];
        this.fds = new int[depth];
    }

    @Override
    public void init() throws IOException {
        String reason = PosixAio.unavailableReason();
        if (reason != null) {
            throw new IOException("ioengine=posixaio cannot run here: " + reason + "; use ioengine=psync or libaio");
        }
        long bytes = (long) depth * (PosixAio.AIOCB_BYTES + 8) + PosixAio.TIMESPEC_BYTES;
        memory = MappedMemory.anonymous(bytes);
        blocks = memory.address();
        blockMemory = memory.buffer();
        suspendList = blocks + (long) depth * PosixAio.AIOCB_BYTES;
        timespec = suspendList + (long) depth * 8;
    }

    private long block(int index) {
        return blocks + (long) index * PosixAio.AIOCB_BYTES;
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        NativeFile file = openFileOf(unit);
        if (file == null) {
            return QueueResult.COMPLETED;
        }
        IoOp op = unit.op();
        if (op == IoOp.FLUSH || op == IoOp.TRIM) {
            if (inFlightCount > 0) {
                return QueueResult.BUSY;
            }
            if (op == IoOp.FLUSH) {
                flushNow(file, unit);
            } else {
                trimNow(file, unit);
            }
            return QueueResult.COMPLETED;
        }
        int i = unit.index();
        if (i < 0 || i >= depth || inFlight[i] != null) {
            unit.fail(Errno.EINVAL, "unit index out of range for posixaio's control blocks");
            return QueueResult.COMPLETED;
        }
        long block = block(i);
        PosixAio.prepare(block, file.fd, addresses.of(unit), unit.length(), unit.offset());
        boolean write = op == IoOp.WRITE;
        int errno = write ? PosixAio.write(block) : PosixAio.read(block);
        if (errno == Errno.EAGAIN && inFlightCount > 0) {
            return QueueResult.BUSY; // glibc is out of request slots: reap, then retry
        }
        if (errno != 0) {
            unit.fail(errno, null);
            return QueueResult.COMPLETED;
        }
        inFlight[i] = unit;
        fds[i] = file.fd;
        inFlightCount++;
        return QueueResult.QUEUED;
    }

    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        int reaped = 0;
        while (true) {
            int waiting = 0;
            for (int i = 0; i < depth && reaped < max; i++) {
                IoUnit unit = inFlight[i];
                if (unit == null) {
                    continue;
                }
                long block = block(i);
                // the lock-free peek first: aio_error takes glibc's request lock, which every
                // helper thread also takes, and is a JNI call; only a finished block pays for it
                int error = PosixAio.mayBeDone(blockMemory, i * PosixAio.AIOCB_BYTES)
                        ? PosixAio.error(block)
                        : PosixAio.EINPROGRESS;
                if (error == PosixAio.EINPROGRESS) {
                    if (waiting < SUSPEND_ENTRIES) {
                        PosixAio.putAddress(suspendList + 8L * waiting++, block);
                    }
                    continue;
                }
                finish(i, unit, error);
                sink.completed(unit);
                reaped++;
            }
            if (reaped >= min || reaped >= max || waiting == 0 || timeoutNanos == 0) {
                return reaped;
            }
            long timeout = 0;
            if (timeoutNanos > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return reaped;
                }
                PosixAio.putTimespec(timespec, left);
                timeout = timespec;
            }
            PosixAio.suspend(suspendList, waiting, timeout); // EAGAIN (time out) and EINTR: look again
        }
    }

    /** Sets the unit's result from its finished control block and frees the block. */
    private void finish(int i, IoUnit unit, int error) {
        inFlight[i] = null;
        inFlightCount--;
        if (error == 0) {
            long n = PosixAio.result(block(i));
            if (n >= 0) {
                unit.complete((int) n);
            } else {
                unit.fail(Errno.EIO, "aio_return reported a failure without an errno");
            }
        } else {
            unit.fail(error, null);
        }
    }

    @Override
    protected void closing(NativeFile file) {
        cancelAndWait(file.fd);
    }

    @Override
    public void cleanup() {
        cancelAndWait(-1);
        if (memory != null && !leaked) {
            memory.close();
        }
        memory = null;
        super.cleanup();
    }

    /**
     * Cancels the requests in flight on {@code fd} (all of them for -1) and waits, at most
     * {@link #CANCEL_WAIT_NANOS}, until glibc is done with each; their units are dropped (the
     * runner abandoned them). What glibc still holds after that keeps the memory mapped.
     */
    private void cancelAndWait(int fd) {
        if (inFlightCount == 0 || memory == null) {
            return;
        }
        for (int i = 0; i < depth; i++) {
            if (inFlight[i] != null && (fd < 0 || fds[i] == fd)) {
                PosixAio.cancel(fds[i], block(i));
            }
        }
        long deadline = System.nanoTime() + CANCEL_WAIT_NANOS;
        while (true) {
            int waiting = 0;
            for (int i = 0; i < depth; i++) {
                if (inFlight[i] == null || (fd >= 0 && fds[i] != fd)) {
                    continue;
                }
                if (PosixAio.error(block(i)) == PosixAio.EINPROGRESS) {
                    PosixAio.putAddress(suspendList + 8L * waiting++, block(i));
                } else {
                    PosixAio.result(block(i));
                    inFlight[i] = null;
                    inFlightCount--;
                }
            }
            long left = deadline - System.nanoTime();
            if (waiting == 0) {
                return;
            }
            if (left <= 0) {
                leaked = true;
                return;
            }
            PosixAio.putTimespec(timespec, left);
            PosixAio.suspend(suspendList, waiting, timespec);
        }
    }
}
