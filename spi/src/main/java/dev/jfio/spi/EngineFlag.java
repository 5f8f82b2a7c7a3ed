package dev.jfio.spi;

/** Capabilities that change how the runner drives an engine, as fio's engine flags do. */
public enum EngineFlag {
    /**
     * {@link IoEngine#queue} always completes the unit before returning ({@link QueueResult#COMPLETED}).
     * The runner caps {@code iodepth} at 1 with a notice, as fio does for its sync engines.
     */
    SYNCHRONOUS,
    /** The engine does not use files: no layout, no cache invalidation, no file creation. */
    DISKLESS,
    /**
     * The target has a fixed size that the engine learns in {@link IoEngine#setup}: writes never
     * grow it, {@code size} defaults to it and {@code offset + size} beyond it is an error.
     */
    FIXED_SIZE
}
