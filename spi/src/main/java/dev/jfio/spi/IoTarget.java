package dev.jfio.spi;

/**
 * One thing a job does I/O against: a file, a block device, an NBD export.
 *
 * <p>The runner creates the targets of each job clone from {@code filename} (or fio's default
 * name {@code jobname.clone.0}); an engine may replace them in {@link IoEngine#setup}. Each job
 * clone has its own targets, so an instance is touched by one thread at a time: the runner's
 * main thread during setup and layout, then the job thread.
 */
public final class IoTarget {
    /** The size of a target whose size nobody knows yet. */
    public static final long UNKNOWN_SIZE = -1;

    private final String name;
    private long size;
    private boolean fixedSize;
    private Object engineData;

    /** A target of unknown size. */
    public IoTarget(String name) {
        this(name, UNKNOWN_SIZE);
    }

    /** A target whose current size is known (for example an existing file); it may still grow. */
    public IoTarget(String name, long size) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("target name must not be empty");
        }
        this.name = name;
        this.size = size;
    }

    /** The name shown in reports and messages: a path, or an NBD URI. */
    public String name() {
        return name;
    }

    /** The size in bytes, or {@link #UNKNOWN_SIZE}. */
    public long size() {
        return size;
    }

    /** Records a size that I/O may grow (a file about to be laid out). */
    public void setSize(long size) {
        this.size = size;
    }

    /**
     * Records a size that cannot change (a block device, an NBD export). The runner then
     * defaults the job's {@code size} to it and rejects {@code offset + size} beyond it.
     */
    public void fixSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + name);
        }
        this.size = size;
        this.fixedSize = true;
    }

    /** Whether {@link #fixSize} was called. */
    public boolean hasFixedSize() {
        return fixedSize;
    }

    /** The engine's own handle for this target (an open channel, a connection), or null. */
    public Object engineData() {
        return engineData;
    }

    /** Stores the engine's handle for this target; the runner never reads it. */
    public void setEngineData(Object engineData) {
        this.engineData = engineData;
    }

    @Override
    public String toString() {
        return name;
    }
}
