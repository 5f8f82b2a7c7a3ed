package dev.jfio.testkit;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.FileAdvice;
import dev.jfio.spi.FileHandling;
import dev.jfio.spi.FileSizes;
import dev.jfio.spi.JobView;
import dev.jfio.spi.SyncPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The job as a harnessed engine sees it: the facts a {@link HarnessBuilder} describes, frozen,
 * and the notices the engine prints, collected for the test.
 *
 * <p>Thread contract: immutable apart from {@link #notice}, which any thread may call.
 */
final class HarnessJobView implements JobView {
    private final String name;
    private final int jobNumber;
    private final int cloneIndex;
    private final Map<EngineOption<?>, Object> options;
    private final Map<String, String> coreOptions;
    private final int iodepth;
    private final int minBs;
    private final int maxBs;
    private final long offset;
    private final long size;
    private final boolean reads;
    private final boolean writes;
    private final boolean trims;
    private final boolean direct;
    private final List<String> filenames;
    private final int totalJobs;
    private final SyncPolicy syncPolicy;
    private final FileHandling fileHandling;
    private final FileSizes fileSizes;
    private final FileAdvice fileAdvice;
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    HarnessJobView(HarnessBuilder b, int iodepth) {
        this.name = b.name;
        this.jobNumber = b.jobNumber;
        this.cloneIndex = b.cloneIndex;
        this.options = Map.copyOf(b.options);
        this.coreOptions = Map.copyOf(b.coreOptions);
        this.iodepth = iodepth;
        this.minBs = b.minBs;
        this.maxBs = b.maxBs;
        this.offset = b.offset;
        this.size = b.size;
        this.reads = b.reads;
        this.writes = b.writes;
        this.trims = b.trims;
        this.direct = b.direct;
        this.filenames = List.copyOf(b.filenames);
        this.totalJobs = b.totalJobs;
        this.syncPolicy = new SyncPolicy(b.syncMode, b.flush);
        this.fileHandling =
                new FileHandling(b.fallocate, b.invalidate, b.overwrite, b.allowFileCreate, b.createOnOpen, b.unlink);
        this.fileSizes = b.fileSizes;
        this.fileAdvice = b.fileAdvice;
    }

    /** What the engine printed through {@link #notice}, in order. */
    List<String> notices() {
        return List.copyOf(notices);
    }

    @Override
    public String jobName() {
        return name;
    }

    @Override
    public int jobNumber() {
        return jobNumber;
    }

    @Override
    public int cloneIndex() {
        return cloneIndex;
    }

    @Override
    public <T> T get(EngineOption<T> option) {
        Object value = options.get(option);
        return value == null ? option.defaultValue() : option.javaType().cast(value);
    }

    @Override
    public boolean isSet(EngineOption<?> option) {
        return options.containsKey(option);
    }

    @Deprecated
    @Override
    public String coreOption(String optionName) {
        return coreOptions.get(optionName);
    }

    @Override
    public int iodepth() {
        return iodepth;
    }

    @Override
    public int maxBlockSize() {
        return maxBs;
    }

    @Override
    public int minBlockSize() {
        return minBs;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean writes() {
        return writes;
    }

    @Override
    public boolean reads() {
        return reads;
    }

    @Override
    public boolean trims() {
        return trims;
    }

    @Override
    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }

    @Override
    public FileHandling fileHandling() {
        return fileHandling;
    }

    @Override
    public FileSizes fileSizes() {
        return fileSizes;
    }

    @Override
    public FileAdvice fileAdvice() {
        return fileAdvice;
    }

    @Override
    public boolean direct() {
        return direct;
    }

    @Override
    public List<String> filenames() {
        return filenames;
    }

    @Override
    public int totalJobs() {
        return totalJobs;
    }

    @Override
    public void notice(String message) {
        notices.add(message);
    }
}
