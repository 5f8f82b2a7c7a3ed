package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.FileAdvice;
import dev.jfio.spi.FileHandling;
import dev.jfio.spi.FileSizes;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.JobView;
import dev.jfio.spi.SyncPolicy;
import java.io.PrintStream;
import java.util.List;

/** The runner's view of one job clone, handed to its engine. Immutable. */
final class RunnerJobView implements JobView {
    private final JobSpec spec;
    private final int cloneIndex;
    private final int iodepth;
    private final int totalJobs;
    private final PrintStream notices;
    private final SyncPolicy syncPolicy;
    private final FileSizes fileSizes;
    private final boolean readOnly;
    /** The run's I/O jobs, for exit_on_io_done; set before the job starts. */
    IoJobs ioJobs;
    /** Set by {@link #endJob()}: the job's loop ends at its next turn. */
    volatile boolean endRequested;

    RunnerJobView(JobSpec spec, int cloneIndex, int iodepth, int totalJobs, PrintStream notices, boolean readOnly) {
        this.spec = spec;
        this.readOnly = readOnly;
        this.syncPolicy = spec.sync().policy();
        long[] sizes = FileSet.sizes(spec, cloneIndex);
        this.fileSizes = sizes == null ? FileSizes.NONE : FileSizes.of(sizes);
        this.cloneIndex = cloneIndex;
        this.iodepth = iodepth;
        this.totalJobs = totalJobs;
        this.notices = notices;
    }

    @Override
    public long runtimeNanos() {
        return spec.timing().runtimeNanos();
    }

    @Override
    public long writeHint() {
        return spec.region().files().lifecycle().writeHint();
    }

    @Override
    public boolean ioJobsFinished() {
        IoJobs jobs = ioJobs;
        return jobs != null && jobs.allFinished();
    }

    @Override
    public void endJob() {
        endRequested = true;
    }

    JobSpec spec() {
        return spec;
    }

    @Override
    public String jobName() {
        return spec.name();
    }

    @Override
    public int jobNumber() {
        return spec.index();
    }

    @Override
    public int cloneIndex() {
        return cloneIndex;
    }

    @Override
    public <T> T get(EngineOption<T> option) {
        Object value = spec.engineOption(option.name());
        return value == null ? option.defaultValue() : option.javaType().cast(value);
    }

    @Override
    public boolean isSet(EngineOption<?> option) {
        return spec.engineOption(option.name()) != null;
    }

    @Deprecated
    @Override
    public String coreOption(String name) {
        return spec.raw(name);
    }

    @Override
    public int iodepth() {
        return iodepth;
    }

    @Override
    public int maxBlockSize() {
        return spec.maxBlockSize();
    }

    @Override
    public int minBlockSize() {
        return spec.minBlockSize();
    }

    @Override
    public long offset() {
        return spec.region().offset() + cloneIndex * spec.region().offsetIncrement();
    }

    @Override
    public long size() {
        return spec.region().size() < 0 ? IoTarget.UNKNOWN_SIZE : spec.region().size();
    }

    @Override
    public boolean writes() {
        return spec.rw().writes() || spec.rw().trims();
    }

    @Override
    public boolean reads() {
        return spec.rw().reads();
    }

    @Override
    public boolean verifies() {
        return spec.verify().mode() != null;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public boolean trims() {
        return spec.rw().trims() || spec.verify().trim().percentage() > 0; // trim_backlog trims written blocks
    }

    @Override
    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }

    @Override
    public FileHandling fileHandling() {
        return spec.region().files().handling();
    }

    @Override
    public FileAdvice fileAdvice() {
        return spec.region().files().advice();
    }

    @Override
    public FileSizes fileSizes() {
        return fileSizes;
    }

    @Override
    public int nrfiles() {
        return spec.region().files().nrfiles();
    }

    @Override
    public String directory() {
        return spec.region().directory();
    }

    @Override
    public boolean direct() {
        return spec.direct();
    }

    @Override
    public List<String> filenames() {
        return spec.region().filenames();
    }

    @Override
    public int totalJobs() {
        return totalJobs;
    }

    @Override
    public void notice(String message) {
        notices.println("jfio: " + spec.name() + ": " + message);
    }
}
