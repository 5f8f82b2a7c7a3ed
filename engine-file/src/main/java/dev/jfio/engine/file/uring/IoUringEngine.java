package dev.jfio.engine.file.uring;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.engine.file.NativeFileEngine;
import dev.jfio.engine.file.PriorityOptions;
import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Posix;
import dev.jfio.posix.uring.CompletionQueue;
import dev.jfio.posix.uring.IoUring;
import dev.jfio.posix.uring.LockedMemory;
import dev.jfio.posix.uring.SubmissionQueue;
import dev.jfio.posix.uring.Uring;
import dev.jfio.spi.Completions;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One job clone of engine {@code io_uring}: a ring with a slot per unit ({@code iodepth}; the ring
 * itself is a power of two with two entries more, for its timer), set up on the job thread. Each
 * unit owns the SQE of its index, and its index is the
 * request's user data, so neither submission nor completion looks anything up or allocates.
 * READ and WRITE are READ/WRITE (or READV/WRITEV with {@code nonvectored=0}, READ_FIXED/
 * WRITE_FIXED with {@code fixedbufs}), FLUSH is FSYNC (with DATASYNC for fdatasync), TRIM is
 * FALLOCATE punching a hole, all asynchronous.
 *
 * <p>Submission: {@link #queue} fills the unit's SQE and pushes it onto the SQ ring; the kernel
 * takes what was pushed in the {@code io_uring_enter} that {@link #getEvents} makes to wait for
 * completions, so one system call both submits a batch and reaps one. {@link #commit} makes no
 * system call (with {@code sqthread_poll} it wakes the kernel's thread when that sleeps). The
 * runner reaps before it waits on anything else, so pushed entries never sit in the ring while
 * the job thread sleeps. Completions already in the CQ ring are reaped without a system call.
 *
 * <p>Thread contract: as {@link IoEngine}. The ring is created in {@link #init} on the job
 * thread, which is its only submitter; no locking. Allocates nothing per I/O.
 */
final class IoUringEngine extends NativeFileEngine {
    private static final String READ_FAILED = "io_uring read failed";
    private static final String WRITE_FAILED = "io_uring write failed";
    private static final String FSYNC_FAILED = "io_uring fsync failed";
    private static final String FDATASYNC_FAILED = "io_uring fdatasync failed";
    private static final String TRIM_FAILED = "io_uring fallocate(PUNCH_HOLE) failed";
    private static final int PUNCH_HOLE = Posix.FALLOC_FL_PUNCH_HOLE | Posix.FALLOC_FL_KEEP_SIZE;
    private static final int IOVEC_SIZE = 16;
    /** How long cleanup waits for abandoned I/O the kernel is still doing before it closes the ring. */
    private static final long CLEANUP_WAIT_NANOS = 5_000_000_000L;

    private IoUringOptions options;
    /** cmdprio_*: which I/Os carry a priority; null when none. */
    private PriorityOptions priorities;

    private int fileSlots = 1;
    private IoUring ring;
    private SubmissionQueue sq;
    private CompletionQueue cq;
    /** Units in flight by index (their user data); null when not. */
    private IoUnit[] units;
    /** Each unit's buffer and its native address, looked up once per buffer. */
    private ByteBuffer[] buffers;

    private long[] addresses;
    /** With fixedbufs: the address registered in each buffer slot, 0 for none. */
    private long[] registered;
    /** With nonvectored=0: one iovec per unit. */
    private MappedMemory iovecs;

    private ByteBuffer iov;
    private boolean nonvectored;
    private int rwFlags;
    private int prepped;
    private int inFlight;
    private final Map<String, String> facts = new LinkedHashMap<>();

    IoUringEngine(JobView job) {
        super(job, RingSetup.ENGINE);
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        PriorityOptions.of(job, RingSetup.ENGINE); // fails on a bad cmdprio value before any job starts
        options = IoUringOptions.of(job);
        super.setup(setup);
        fileSlots = Math.max(1, setup.targets().size());
        if (options.hipri) {
            for (IoTarget target : setup.targets()) {
                RingSetup.checkPolled(Path.of(target.name()));
            }
        }
    }

    @Override
    public void init() throws IOException {
        if (options == null) {
            options = IoUringOptions.of(job);
        }
        int depth = job.iodepth();
        if (options.fixedbufs) {
            RingSetup.checkLockedMemory(depth, pageRounded(job.maxBlockSize()));
        }
        priorities = PriorityOptions.of(job, RingSetup.ENGINE);
        ring = RingSetup.create(depth, options);
        sq = ring.sq();
        cq = ring.cq();
        if (!ring.canTimeOut()) {
            throw new IOException("ioengine=io_uring needs Linux 5.11 or later (IORING_FEAT_EXT_ARG, for waits with a"
                    + " time limit); use ioengine=libaio instead");
        }
        check(ring.warmUp(), "io_uring: a NOP through the new ring");
        int entries = ring.slots();
        units = new IoUnit[entries];
        buffers = new ByteBuffer[entries];
        addresses = new long[entries];
        nonvectored = options.nonvectored == -1
                ? ring.supports(Uring.OP_READ) && ring.supports(Uring.OP_WRITE)
                : options.nonvectored == 1;
        if (options.fixedbufs) {
            registered = new long[entries];
            check(ring.registerBuffers(entries), "fixedbufs=1: registering a buffer table");
        } else if (!nonvectored) {
            iovecs = MappedMemory.anonymous((long) entries * IOVEC_SIZE);
            iov = iovecs.buffer();
        }
        if (options.registerfiles) {
            check(ring.registerFiles(fileSlots), "registerfiles=1: registering a file table");
        }
        rwFlags =
                (options.nowait ? Uring.RWF_NOWAIT : 0) | (options.uncached && !job.direct() ? Uring.RWF_DONTCACHE : 0);
        facts.put("sq_entries", Integer.toString(sq.entries()));
        facts.put("ring", RingSetup.setupFlags(ring.setupFlags()));
        facts.put("rw", options.fixedbufs ? "fixed" : nonvectored ? "read/write" : "readv/writev");
    }

    private void check(int result, String what) throws IOException {
        if (result < 0) {
            throw new IOException(what + " failed: " + Errno.nameAndText(-result));
        }
    }

    private static long pageRounded(long bytes) {
        long page = Posix.pageSize();
        return (bytes + page - 1) / page * page;
    }

    @Override
    protected void opened(NativeFile file) throws IOException {
        if (options.registerfiles) {
            if (file.slot >= fileSlots) {
                throw new IOException(
                        "registerfiles=1: file slot " + file.slot + " is beyond the " + fileSlots + " registered");
            }
            check(ring.updateFile(file.slot, file.fd), "registerfiles=1: registering " + file.path);
        }
        if ((rwFlags & Uring.RWF_DONTCACHE) != 0) {
            RingSetup.checkDontcache(file);
        }
    }

    @Override
    protected void closing(NativeFile file) {
        if (options.registerfiles && ring != null) {
            ring.updateFile(file.slot, -1);
        }
    }

    @Override
    public QueueResult queue(IoUnit unit) throws IOException {
        NativeFile file = openFileOf(unit);
        if (file == null) {
            return QueueResult.COMPLETED;
        }
        if ((options.hipri || syncsRange()) && (unit.op() == IoOp.FLUSH || unit.op() == IoOp.TRIM)) {
            // a polled (IOPOLL) ring takes only reads and writes: the kernel refuses fsync and fallocate;
            // sync_file_range is done inline too (fio queues IORING_OP_SYNC_FILE_RANGE)
            if (unit.op() == IoOp.FLUSH) {
                flushNow(file, unit);
            } else {
                trimNow(file, unit);
            }
            return QueueResult.COMPLETED;
        }
        int i = unit.index();
        int fd = options.registerfiles ? file.slot : file.fd;
        int flags = options.registerfiles ? Uring.SQE_FIXED_FILE : 0;
        if (options.forceAsync > 0 && ++prepped == options.forceAsync) {
            prepped = 0;
            flags |= Uring.SQE_ASYNC;
        }
        switch (unit.op()) {
            case READ:
            case WRITE:
                prepareTransfer(unit, i, fd, flags);
                int prio = priorities == null ? -1 : priorities.choose(unit.op(), unit.length());
                if (prio >= 0) {
                    sq.setIoprio(i, prio);
                    unit.setPriority(prio);
                }
                break;
            case FLUSH:
                sq.prepareFsync(i, fd, flags, datasync(), i);
                break;
            case TRIM:
            default:
                sq.prepareFallocate(i, fd, flags, PUNCH_HOLE, unit.offset(), unit.length(), i);
                break;
        }
        if (!sq.push(i)) {
            return QueueResult.BUSY;
        }
        units[i] = unit;
        inFlight++;
        return QueueResult.QUEUED;
    }

    private void prepareTransfer(IoUnit unit, int i, int fd, int flags) throws IOException {
        boolean read = unit.op() == IoOp.READ;
        ByteBuffer buffer = unit.buffer();
        if (buffers[i] != buffer) {
            buffers[i] = buffer;
            addresses[i] = Posix.address(buffer);
        }
        long address = addresses[i];
        if (options.fixedbufs) {
            if (registered[i] != address) {
                register(i, address, buffer.capacity());
            }
            int op = read ? Uring.OP_READ_FIXED : Uring.OP_WRITE_FIXED;
            sq.prepareRw(i, op, fd, flags, unit.offset(), address, unit.length(), rwFlags, i, i);
        } else if (nonvectored) {
            int op = read ? Uring.OP_READ : Uring.OP_WRITE;
            sq.prepareRw(i, op, fd, flags, unit.offset(), address, unit.length(), rwFlags, 0, i);
        } else {
            iov.putLong(i * IOVEC_SIZE, address);
            iov.putLong(i * IOVEC_SIZE + 8, unit.length());
            int op = read ? Uring.OP_READV : Uring.OP_WRITEV;
            sq.prepareRw(i, op, fd, flags, unit.offset(), iovecs.address() + (long) i * IOVEC_SIZE, 1, rwFlags, 0, i);
        }
    }

    /** Registers a unit's buffer on its first use (units keep their buffers, so once each). */
    private void register(int slot, long address, int capacity) throws IOException {
        int r = ring.updateBuffer(slot, address, capacity);
        if (r == -Errno.ENOMEM) {
            throw RingSetup.lockedMemoryExceeded(job.iodepth(), capacity, LockedMemory.limit());
        }
        check(r, "fixedbufs=1: registering I/O buffer " + slot);
        registered[slot] = address;
    }

    @Override
    public void commit() {
        // Without SQPOLL the pushed entries go to the kernel in getEvents' io_uring_enter (see the class comment).
        if (options.sqpoll && sq.pending() > 0 && sq.needsWakeup()) {
            ring.enter(0, 0, Uring.ENTER_SQ_WAKEUP);
        }
    }

    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) throws IOException {
        int reaped = reap(max, sink);
        if (reaped >= min && submitted()) {
            return reaped;
        }
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        while (true) {
            int want = timeoutNanos == 0 ? 0 : Math.max(0, min - reaped);
            if (want > 0 && timeoutNanos > 0 && !options.hipri) {
                ring.armTimer(deadline); // ends the wait in time; IOPOLL rings poll instead of sleeping
            }
            // with DEFER_TASKRUN, GETEVENTS also posts whatever has finished, even when want is 0
            int flags = Uring.ENTER_GETEVENTS;
            if (options.sqpoll && sq.pending() > 0 && sq.needsWakeup()) {
                flags |= Uring.ENTER_SQ_WAKEUP;
            }
            int r = ring.enter(options.sqpoll ? 0 : sq.pending(), want, flags);
            if (r < 0 && r != -Errno.EINTR && r != -Errno.EAGAIN && r != -Errno.EBUSY) {
                throw new IOException("ioengine=io_uring: io_uring_enter failed: " + Errno.nameAndText(-r));
            }
            reaped += reap(max - reaped, sink);
            if (reaped >= min && (submitted() || r < 0)) {
                return reaped;
            }
            if (timeoutNanos == 0 || (timeoutNanos > 0 && System.nanoTime() - deadline >= 0)) {
                return reaped;
            }
        }
    }

    /** Whether the kernel has every pushed entry (SQPOLL's thread takes them by itself). */
    private boolean submitted() {
        return options.sqpoll || sq.pending() == 0;
    }

    /**
     * Hands up to {@code max} finished units from the CQ ring to {@code sink}, without a system
     * call; the ring's own timer completions on the way are given back to it.
     */
    private int reap(int max, Completions sink) {
        int ready = cq.ready();
        int n = 0;
        int k = 0;
        for (; k < ready && n < max; k++) {
            long userData = cq.userData(k);
            int res = cq.result(k);
            if (IoUring.isTimer(userData)) {
                ring.timerCompleted(userData, res);
                continue;
            }
            int i = (int) userData;
            IoUnit unit = units[i];
            units[i] = null;
            if (res >= 0) {
                unit.complete(unit.op() == IoOp.TRIM ? unit.length() : res);
            } else {
                unit.fail(-res, failure(unit.op()));
            }
            sink.completed(unit);
            n++;
        }
        if (k > 0) {
            cq.advance(k);
            inFlight -= n;
        }
        return n;
    }

    private String failure(IoOp op) {
        switch (op) {
            case READ:
                return READ_FAILED;
            case WRITE:
                return WRITE_FAILED;
            case FLUSH:
                return datasync() ? FDATASYNC_FAILED : FSYNC_FAILED;
            case TRIM:
            default:
                return TRIM_FAILED;
        }
    }

    @Override
    public void cleanup() {
        if (ring != null) {
            awaitAbandoned();
            ring.close();
            ring = null;
        }
        if (iovecs != null) {
            iovecs.close();
            iovecs = null;
        }
        super.cleanup();
    }

    /**
     * Units the runner abandoned may still be in the kernel's hands, reading into their buffers:
     * wait (bounded) for those submitted before the ring and its registrations go away. Entries
     * pushed but never submitted are simply dropped with the ring.
     */
    private void awaitAbandoned() {
        long deadline = System.nanoTime() + CLEANUP_WAIT_NANOS;
        int pending = options.sqpoll ? 0 : sq.pending();
        while (inFlight - pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                job.notice("io_uring: " + (inFlight - pending) + " I/Os still in the kernel after "
                        + CLEANUP_WAIT_NANOS / 1_000_000_000L + " s; closing the ring anyway");
                return;
            }
            int r = ring.enter(0, inFlight - pending, Uring.ENTER_GETEVENTS, left);
            if (r < 0 && r != -Errno.EINTR && r != -Errno.ETIME && r != -Errno.EAGAIN) {
                return; // not the submitter's thread (EEXIST): the kernel cancels on close
            }
            int n = cq.ready();
            for (int k = 0; k < n; k++) {
                long userData = cq.userData(k);
                if (IoUring.isTimer(userData)) {
                    ring.timerCompleted(userData, cq.result(k));
                } else {
                    units[(int) userData] = null;
                    inFlight--;
                }
            }
            cq.advance(n);
        }
    }

    @Override
    public Map<String, String> properties() {
        Map<String, String> all = new LinkedHashMap<>(super.properties());
        all.putAll(facts);
        return all;
    }
}
