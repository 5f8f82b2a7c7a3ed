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
    DISKLESS
}
