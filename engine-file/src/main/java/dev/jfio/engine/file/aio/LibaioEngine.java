package dev.jfio.engine.file.aio;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.engine.file.NativeFileEngine;
import dev.jfio.engine.file.PriorityOptions;
import dev.jfio.posix.Posix;
import dev.jfio.posix.aio.AioAbi;
import dev.jfio.posix.aio.AioContext;
import dev.jfio.posix.aio.AioSetupException;
import dev.jfio.spi.Completions;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One job clone of engine {@code libaio}, as fio's engine of that name: reads and writes queued
 * into one kernel AIO context ({@link AioContext}) sized to {@code iodepth}, the batch sent with
 * one io_submit per {@link #commit}, completions reaped with io_getevents or, with
 * {@code userspace_reap}, straight from the kernel's ring when they are already there. FLUSH is an
 * IOCB_CMD_FSYNC (FDSYNC) where the file system supports it, else fsync(2) at once; TRIM punches
 * a hole at once, as fio's libaio trims synchronously. Each unit's slot in the context is its
 * index, which comes back as the event's data: finding the unit allocates nothing.
 *
 * <p>Thread contract: as {@link IoEngine}: setup on the runner's main thread, everything else on
 * the job thread; no locking. Allocates nothing per I/O.
 */
final class LibaioEngine extends NativeFileEngine {
    static final String NAME = "libaio";
    /** fio gives up on a context that refuses every submission with nothing in flight after 30 s. */
    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final String READ_FAILED = "read failed";
    private static final String WRITE_FAILED = "write failed";
    private static final String FSYNC_FAILED = "fsync failed";
    private static final String FDATASYNC_FAILED = "fdatasync failed";
    private static final String SUBMIT_FAILED = "io_submit refused the request";

    private final boolean userspaceReap;
    private final int rwFlags;

    private AioContext aio;
    /** The unit in each slot (slot = unit index), for the completions. */
    private IoUnit[] units;
    /** Each slot's buffer address, and the unit it was taken from. */
    private long[] addresses;

    private IoUnit[] addressed;
    /** Slots finished without the kernel (refused at submit, or a sync fallback), handed out first. */
    private int[] done;

    private int doneCount;
    /** Whether FLUSH goes through the context; false once the file system refused IOCB_CMD_FSYNC. */
    private boolean aioFsync = true;
    /** cmdprio_*: which I/Os carry a priority; null when none. */
    private PriorityOptions priorities;

    LibaioEngine(JobView job) {
        super(job, NAME);
        this.userspaceReap = job.get(LibaioOptions.USERSPACE_REAP);
        this.rwFlags = job.get(LibaioOptions.NOWAIT) ? AioAbi.RWF_NOWAIT : 0;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        PriorityOptions.of(job, NAME); // fails on a bad cmdprio value before any job starts
        super.setup(setup);
        if (!job.direct() && job.cloneIndex() == 0) {
            job.notice("ioengine=" + NAME + " with direct=0: Linux queues only non-buffered I/O, so buffered reads "
                    + "and writes complete inside io_submit and iodepth gains little (set direct=1)");
        }
    }

    @Override
    public void init() throws IOException {
        int depth = job.iodepth();
        try {
            aio = AioContext.setup(depth);
        } catch (AioSetupException e) {
            boolean unavailable = e.errno() == Errno.ENOSYS || e.errno() == Errno.EPERM || e.errno() == Errno.EACCES;
            throw new IOException(
                    "ioengine=" + NAME + ": " + e.getMessage() + (unavailable ? "; use ioengine=psync instead" : ""),
                    e);
        }
        priorities = PriorityOptions.of(job, NAME);
        units = new IoUnit[depth];
        addresses = new long[depth];
        addressed = new IoUnit[depth];
        done = new int[depth];
        if (userspaceReap && !aio.hasUserRing() && job.cloneIndex() == 0) {
            job.notice("userspace_reap: this kernel's completion ring is not readable from user space; "
                    + "reaping with io_getevents");
        }
    }

    @Override
    public QueueResult queue(IoUnit unit) throws IOException {
        NativeFile file = openFileOf(unit);
        if (file == null) {
            return QueueResult.COMPLETED;
        }
        int slot = unit.index();
        if (slot >= units.length) {
            throw new IOException("ioengine=" + NAME + ": unit " + slot + " is beyond iodepth " + units.length);
        }
        switch (unit.op()) {
            case READ:
            case WRITE:
                if (addressed[slot] != unit) {
                    addressed[slot] = unit;
                    addresses[slot] = Posix.address(unit.buffer());
                }
                aio.prepareTransfer(
                        slot,
                        unit.op() == IoOp.READ ? AioAbi.IOCB_CMD_PREAD : AioAbi.IOCB_CMD_PWRITE,
                        file.fd,
                        addresses[slot],
                        unit.length(),
                        unit.offset(),
                        rwFlags);
                int prio = priorities == null ? -1 : priorities.choose(unit.op(), unit.length());
                if (prio >= 0) {
                    aio.setIoprio(slot, prio);
                    unit.setPriority(prio);
                }
                break;
            case FLUSH:
                if (!aioFsync || syncsRange()) { // fio's libaio also syncs inline
                    flushNow(file, unit);
                    return QueueResult.COMPLETED;
                }
                aio.prepareSync(slot, file.fd, datasync());
                break;
            case TRIM:
            default:
                submitPending(); // what was queued before the trim goes first, as in fio
                trimNow(file, unit);
                return QueueResult.COMPLETED;
        }
        units[slot] = unit;
        aio.enqueue(slot);
        return QueueResult.QUEUED;
    }

    @Override
    public void commit() throws IOException {
        submitPending();
    }

    /**
     * Submits what is pending. When the kernel has no room (EAGAIN, ENOMEM) and some I/O is in
     * flight, the rest waits for getEvents; with nothing in flight it retries, for at most 30 s
     * (as fio). A request the kernel refuses fails alone, with the errno.
     */
    private void submitPending() throws IOException {
        long stalledSince = 0;
        while (aio.pending() > 0) {
            long r = aio.submit();
            if (r > 0 || r == -Errno.EINTR) {
                stalledSince = 0;
                continue;
            }
            if (r == 0 || r == -Errno.EAGAIN || r == -Errno.ENOMEM) {
                if (aio.inKernel() > 0) {
                    return;
                }
                long now = System.nanoTime();
                if (stalledSince == 0) {
                    stalledSince = now;
                } else if (now - stalledSince > STALL_LIMIT_NANOS) {
                    throw new IOException("ioengine=" + NAME + ": io_submit has refused every request for 30 s with "
                            + Errno.name((int) -r) + " and nothing in flight; the kernel's AIO appears stalled");
                }
                LockSupport.parkNanos(1000);
                continue;
            }
            refuseFirstPending((int) -r);
        }
    }

    private void refuseFirstPending(int errno) {
        int slot = aio.dropFirstPending();
        IoUnit unit = units[slot];
        NativeFile file = fileOf(unit);
        if (unit.op() == IoOp.FLUSH && errno == Errno.EINVAL && file != null) {
            aioFsync = false; // this file system has no AIO fsync: fsync(2) from now on
            flushNow(file, unit);
        } else {
            unit.fail(errno, SUBMIT_FAILED);
        }
        done[doneCount++] = slot;
    }

    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) throws IOException {
        long deadline = 0; // read the clock only when a second wait needs what is left of the timeout
        boolean waited = false;
        int got = handDone(max, sink);
        if (aio.pending() > 0) {
            submitPending();
            got += handDone(max - got, sink);
        }
        if (userspaceReap && got < max) {
            got += complete(aio.reapRing(max - got), sink);
            if (got >= min) {
                return got; // no system call: the completions were in the ring
            }
        } else if (min == 0) {
            return got < max ? got + poll(max - got, sink) : got;
        }
        while (got < min) {
            int inKernel = aio.inKernel();
            if (inKernel == 0) {
                if (aio.pending() == 0) {
                    break; // nothing left that could complete
                }
                submitPending();
                got += handDone(max - got, sink);
                continue;
            }
            int want = Math.min(min - got, inKernel);
            long wait = timeoutNanos;
            if (timeoutNanos > 0) {
                if (!waited) {
                    deadline = System.nanoTime() + timeoutNanos;
                } else {
                    wait = Math.max(0, deadline - System.nanoTime());
                }
            }
            waited = true;
            long r = aio.getEvents(want, Math.min(max - got, inKernel), wait);
            if (r < 0) {
                if (r == -Errno.EINTR) {
                    continue;
                }
                throw new IOException("ioengine=" + NAME + ": io_getevents failed: " + Errno.nameAndText((int) -r));
            }
            got += complete((int) r, sink);
            if (aio.pending() > 0) {
                submitPending();
                got += handDone(max - got, sink);
            }
            if (r < want && (timeoutNanos == 0 || timeoutNanos > 0 && System.nanoTime() - deadline >= 0)) {
                break;
            }
        }
        return got;
    }

    /** io_getevents with min 0: what has completed, at once. */
    private int poll(int max, Completions sink) throws IOException {
        if (aio.inKernel() == 0) {
            return 0;
        }
        long r = aio.getEvents(0, max, 0);
        if (r < 0 && r != -Errno.EINTR) {
            throw new IOException("ioengine=" + NAME + ": io_getevents failed: " + Errno.nameAndText((int) -r));
        }
        return r > 0 ? complete((int) r, sink) : 0;
    }

    /** Hands the {@code n} events the context holds to {@code sink}. */
    private int complete(int n, Completions sink) {
        for (int i = 0; i < n; i++) {
            IoUnit unit = units[aio.eventSlot(i)];
            long res = aio.eventResult(i);
            if (res < 0) {
                unit.fail((int) -res, failure(unit.op()));
            } else {
                unit.complete((int) res);
            }
            sink.completed(unit);
        }
        return n;
    }

    private String failure(IoOp op) {
        switch (op) {
            case READ:
                return READ_FAILED;
            case WRITE:
                return WRITE_FAILED;
            default:
                return datasync() ? FDATASYNC_FAILED : FSYNC_FAILED;
        }
    }

    /** Hands up to {@code max} of the slots finished without the kernel, oldest first. */
    private int handDone(int max, Completions sink) {
        int n = Math.min(max, doneCount);
        for (int i = 0; i < n; i++) {
            sink.completed(units[done[i]]);
        }
        for (int i = n; i < doneCount; i++) {
            done[i - n] = done[i];
        }
        doneCount -= n;
        return n;
    }

    /**
     * Destroys the context: io_destroy waits for the I/O still in flight (abandoned by the runner),
     * so no buffer is written after this returns; then the files are closed.
     */
    @Override
    public void cleanup() {
        if (aio != null) {
            aio.close();
            aio = null;
        }
        super.cleanup();
    }

    @Override
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>(super.properties());
        if (!p.isEmpty() && userspaceReap) {
            p.put("userspace_reap", "1");
        }
        if (!p.isEmpty() && rwFlags != 0) {
            p.put("nowait", "1");
        }
        return p;
    }
}
