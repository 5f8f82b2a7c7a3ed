package dev.jfio.engine.file.uring;

import dev.jfio.engine.file.PriorityOptions;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.JobView;
import java.io.IOException;
import java.util.List;

/**
 * fio 3.33's options of its {@code io_uring} engine, with fio's names, types and defaults, and
 * their values for one job, checked ({@link #of}). fio's {@code cmdprio*} options are in
 * {@code PriorityOptions}, shared with libaio. Immutable; any thread.
 */
final class IoUringOptions {
    static final EngineOption<Boolean> HIPRI = EngineOption.bool(
            "hipri", false, "polled completions (IORING_SETUP_IOPOLL): needs direct=1 and a device with poll queues");
    static final EngineOption<Boolean> FIXEDBUFS = EngineOption.bool(
            "fixedbufs", false, "register the I/O buffers with the kernel (READ_FIXED/WRITE_FIXED; pinned memory)");
    static final EngineOption<Boolean> REGISTERFILES =
            EngineOption.bool("registerfiles", false, "register the files with the ring (IOSQE_FIXED_FILE)");
    static final EngineOption<Boolean> SQTHREAD_POLL = EngineOption.bool(
            "sqthread_poll", false, "a kernel thread polls the submission queue (IORING_SETUP_SQPOLL)");
    static final EngineOption<Long> SQTHREAD_POLL_CPU =
            EngineOption.integer("sqthread_poll_cpu", -1, "the CPU of the sqthread_poll thread");
    static final EngineOption<Long> NONVECTORED = EngineOption.integer(
            "nonvectored",
            -1,
            "1: READ/WRITE, 0: READV/WRITEV with one iovec, -1: READ/WRITE where the kernel has them");
    static final EngineOption<Long> UNCACHED = EngineOption.integer(
            "uncached", 0, "1: buffered I/O that drops its pages once done (RWF_DONTCACHE, Linux 6.14)");
    static final EngineOption<Boolean> NOWAIT =
            EngineOption.bool("nowait", false, "RWF_NOWAIT: an I/O that would block fails with EAGAIN");
    static final EngineOption<Long> FORCE_ASYNC =
            EngineOption.integer("force_async", 0, "set IOSQE_ASYNC on every N-th request (0: never)");

    /** Every option, in fio's order. */
    static final List<EngineOption<?>> ALL = List.of(
            HIPRI,
            FIXEDBUFS,
            REGISTERFILES,
            SQTHREAD_POLL,
            SQTHREAD_POLL_CPU,
            NONVECTORED,
            UNCACHED,
            NOWAIT,
            FORCE_ASYNC,
            PriorityOptions.CMDPRIO_PERCENTAGE,
            PriorityOptions.CMDPRIO_CLASS,
            PriorityOptions.CMDPRIO,
            PriorityOptions.CMDPRIO_BSSPLIT);

    final boolean hipri;
    final boolean fixedbufs;
    /** registerfiles, or implied by sqthread_poll as in fio. */
    final boolean registerfiles;

    final boolean sqpoll;
    /** The SQPOLL thread's CPU, or -1 to leave it to the scheduler. */
    final int sqpollCpu;
    /** -1 (decide by probing the kernel), 0 or 1. */
    final int nonvectored;

    final boolean uncached;
    final boolean nowait;
    /** Every how many requests IOSQE_ASYNC is set; 0 for never. */
    final int forceAsync;

    private IoUringOptions(JobView job) {
        this.hipri = job.get(HIPRI);
        this.fixedbufs = job.get(FIXEDBUFS);
        this.sqpoll = job.get(SQTHREAD_POLL);
        this.registerfiles = job.get(REGISTERFILES) || sqpoll;
        this.sqpollCpu = job.isSet(SQTHREAD_POLL_CPU) ? (int) (long) job.get(SQTHREAD_POLL_CPU) : -1;
        long nv = job.get(NONVECTORED);
        this.nonvectored = nv == -1 ? -1 : nv == 0 ? 0 : 1;
        this.uncached = job.get(UNCACHED) != 0;
        this.nowait = job.get(NOWAIT);
        this.forceAsync = (int) (long) job.get(FORCE_ASYNC);
    }

    /**
     * The job's options, checked against each other and the job.
     *
     * @throws IOException one line naming the option, for a value or combination fio's engine
     *     would not run as asked
     */
    static IoUringOptions of(JobView job) throws IOException {
        IoUringOptions o = new IoUringOptions(job);
        if (o.hipri && !job.direct()) {
            throw new IOException(
                    "hipri=1 needs direct=1: polled completions (IORING_SETUP_IOPOLL) are for O_DIRECT" + " I/O only");
        }
        if (job.isSet(SQTHREAD_POLL_CPU) && !o.sqpoll) {
            throw new IOException("sqthread_poll_cpu=" + job.get(SQTHREAD_POLL_CPU) + " needs sqthread_poll=1");
        }
        if (job.isSet(SQTHREAD_POLL_CPU) && (job.get(SQTHREAD_POLL_CPU) < 0 || job.get(SQTHREAD_POLL_CPU) > 4095)) {
            throw new IOException("sqthread_poll_cpu=" + job.get(SQTHREAD_POLL_CPU) + " is not a CPU number");
        }
        long forceAsync = job.get(FORCE_ASYNC);
        if (forceAsync < 0 || forceAsync > Integer.MAX_VALUE) {
            throw new IOException("force_async=" + forceAsync + " must be 0 (never) or a count of requests");
        }
        if (o.uncached && job.direct()) {
            job.notice("uncached=" + job.get(UNCACHED) + " has no effect with direct=1 (as in fio: O_DIRECT I/O"
                    + " bypasses the page cache anyway)");
        }
        return o;
    }
}
