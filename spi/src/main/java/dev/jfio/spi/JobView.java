package dev.jfio.spi;

import java.util.List;

/**
 * What an engine sees of the job clone it serves. Immutable after creation; safe to read from
 * any thread.
 */
public interface JobView {
    /** The job's name ({@code [section]} or {@code --name}). */
    String jobName();

    /** The job's position among all jobs of the run, from 0. */
    int jobNumber();

    /** Which of the job's {@code numjobs} clones this is, from 0. */
    int cloneIndex();

    /** The value of one of the engine's own options, or its default when the job does not set it. */
    <T> T get(EngineOption<T> option);

    /** Whether the job sets the option (in a job file, a global section or on the command line). */
    boolean isSet(EngineOption<?> option);

    /**
     * The text of any core option as the job sets it (after {@code ${VAR}} expansion), or null
     * when unset. Kept for engines built before the typed methods here; the built-in engines do
     * not call it.
     *
     * @deprecated read the typed facts ({@link #trims()}, {@link #syncPolicy()},
     *     {@link #fileHandling()}, {@link #fileSizes()}, ...): the text is unvalidated and each
     *     reader would have to re-implement fio's syntax for it
     */
    @Deprecated
    String coreOption(String name);

    /** Requests the job keeps in flight. A {@link EngineFlag#SYNCHRONOUS} engine gets 1. */
    int iodepth();

    /** The largest block size of any direction: no unit carries more. */
    int maxBlockSize();

    /** The smallest block size of any direction. */
    int minBlockSize();

    /** The job's start offset for this clone ({@code offset + clone * offset_increment}). */
    long offset();

    /** The job's {@code size} in bytes, or {@link IoTarget#UNKNOWN_SIZE} when the job leaves it to the target. */
    long size();

    /** Whether the workload writes or trims (so an engine may open read-only otherwise). */
    boolean writes();

    /** Whether the workload reads. */
    boolean reads();

    /**
     * Whether jfio runs with {@code --readonly}: the engine must write nothing to its targets, not
     * even to lay a file out or extend it (fio: "refusing extend of file due to read-only"). Jobs
     * that write or trim are refused before any engine sees them. Any thread. The default, for
     * views built before {@code --readonly}, is false.
     */
    default boolean readOnly() {
        return false;
    }

    /**
     * Whether the workload trims ({@code rw=trim}, {@code randtrim}, {@code trimwrite}), so an
     * engine can refuse a target that cannot. Any thread. The default, for views built before
     * this method, says no.
     */
    default boolean trims() {
        return false;
    }

    /**
     * The job's sync policy: the open flag of written targets and what FLUSH units mean. Any
     * thread. The default is {@link SyncPolicy#DEFAULT}.
     */
    default SyncPolicy syncPolicy() {
        return SyncPolicy.DEFAULT;
    }

    /**
     * How an engine working on files creates, prepares and removes them ({@code fallocate},
     * {@code invalidate}, {@code overwrite}, {@code allow_file_create}, {@code create_on_open},
     * {@code unlink}). Any thread. The default is {@link FileHandling#DEFAULT}.
     */
    default FileHandling fileHandling() {
        return FileHandling.DEFAULT;
    }

    /**
     * The size the runner gave each of this clone's files ({@code filesize}), or
     * {@link FileSizes#NONE} when the job does not set it. Any thread.
     */
    default FileSizes fileSizes() {
        return FileSizes.NONE;
    }

    /**
     * fio's {@code fadvise_hint}, resolved for the job's rw mode: what a file engine advises the
     * kernel when it opens a file (posix_fadvise). Any thread. The default, for views built before
     * this method, is {@link FileAdvice#NONE}.
     */
    default FileAdvice fileAdvice() {
        return FileAdvice.NONE;
    }

    /**
     * Whether the job verifies what it wrote ({@code verify} set to a mode), so an engine whose
     * chosen operations move no data can refuse it. Any thread. The default, for views built
     * before this method, says no.
     */
    default boolean verifies() {
        return false;
    }

    /** {@code nrfiles}: how many files the job spreads over (1 by default). Any thread. */
    default int nrfiles() {
        return 1;
    }

    /** {@code directory}: where the job's files are, or null when unset. Any thread. */
    default String directory() {
        return null;
    }

    /**
     * The job's {@code runtime} in nanoseconds, 0 when unset (fio's exec engine puts it into its
     * arguments as {@code %r}). Any thread. The default, for views built before this method, is 0.
     */
    default long runtimeNanos() {
        return 0;
    }

    /**
     * Whether the run had jobs that do I/O (whose engines are not {@link EngineFlag#NO_IO}) and
     * every one of them has finished: cpuio's {@code exit_on_io_done}. Any thread. The default is
     * false.
     */
    default boolean ioJobsFinished() {
        return false;
    }

    /**
     * Ends this job at the next turn of its loop as if its runtime were over, without an error
     * (cpuio's {@code exit_on_io_done}). Job thread. The default does nothing.
     */
    default void endJob() {}

    /**
     * fio's {@code write_hint}: the write life time hint a file engine sets on each file or block
     * device it opens (fcntl F_SET_RW_HINT: 1 none, 2 short, 3 medium, 4 long, 5 extreme), or 0
     * when the job does not set one. Any thread. The default is 0.
     */
    default long writeHint() {
        return 0;
    }

    /** {@code direct=1}: bypass the page cache. */
    boolean direct();

    /** The job's {@code filename} split at ':', empty when unset. */
    List<String> filenames();

    /** How many jobs (all clones of all job sections) will run against targets in this run. */
    int totalJobs();

    /**
     * Prints a notice on stderr, prefixed with the job's name. Never on stdout: stdout carries
     * only the report.
     */
    void notice(String message);
}
