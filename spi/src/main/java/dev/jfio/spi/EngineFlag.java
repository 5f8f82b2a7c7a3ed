package dev.jfio.spi;

/** Capabilities that change how the runner drives an engine, as fio's engine flags do. */
public enum EngineFlag {
    /**
     * {@link IoEngine#queue} always completes the unit before returning ({@link QueueResult#COMPLETED}).
     * The runner caps {@code iodepth} at 1 with a notice, as fio does for its sync engines.
     */
    SYNCHRONOUS,
    /**
     * The engine does not use files: it names its own targets in {@link IoEngine#setup} through
     * {@link SetupContext#setTargets} (which it must call, and which only such an engine may call),
     * and the runner creates, lays out and invalidates no files for it. Whether a target has a
     * fixed size is the target's fact ({@link IoTarget#fixSize}); a diskless job whose targets have
     * none must give {@code size}.
     */
    DISKLESS,
    /**
     * Opening a target is the operation the job measures, as in fio's {@code filecreate},
     * {@code filestat}, {@code filedelete}, {@code dircreate}, {@code dirstat} and
     * {@code dirdelete}. The runner then, as fio does for such engines:
     * <ul>
     *   <li>closes each target once its blocks of the pass are done and opens it again in the
     *       next pass (loops, time_based), so every pass over a target is one operation;</li>
     *   <li>after each {@link IoEngine#open} that returns normally, records
     *       {@link IoEngine#openNanos()} as one completion latency (clat) sample of the job's
     *       direction: read when the job reads, else write (read for a trim-only job, as fio);</li>
     *   <li>counts the engine's I/Os (total_ios, io_bytes, IOPS) without timing them: they do
     *       nothing but mark the blocks done (fio's FIO_NOSTATS).</li>
     * </ul>
     * A failed operation is an {@link java.io.IOException} from {@code open} naming the errno,
     * which fails the job, as fio fails it.
     */
    TIMED_OPEN,
    /**
     * The engine's I/O moves no data between the units' buffers and the target (fio's
     * FIO_FAKEIO engines, and {@code falloc}, which allocates rather than writes): nothing written
     * can be read back, so the runner refuses {@code verify} for it (fio pretends every block
     * verified).
     */
    NO_DATA_TRANSFER,
    /**
     * The engine does no I/O at all: each unit is a turn of work of its own, such as burning CPU
     * ({@code cpuio}) or watching a program ({@code exec}), fio's FIO_NOIO. Its jobs do not count
     * among the jobs that do I/O ({@link JobView#ioJobsFinished()}).
     */
    NO_IO
}
