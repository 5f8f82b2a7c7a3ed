package dev.jfio.spi;

import java.util.List;

/**
 * What {@link IoEngine#setup} may read and change: the job clone's targets, before anything is
 * laid out. Valid only during the {@code setup} call.
 */
public interface SetupContext {
    /**
     * The files the job names, from {@code filename} (split at ':') or fio's default name
     * {@code jobname.clone.0}; an engine may set or fix their sizes ({@link IoTarget#setSize},
     * {@link IoTarget#fixSize}). Empty for a {@link EngineFlag#DISKLESS} engine, which names its
     * own targets.
     */
    List<IoTarget> targets();

    /**
     * Names the targets of a {@link EngineFlag#DISKLESS} engine: the one thing it benchmarks
     * (for example the NBD export, by its URI), fixing its size where the engine knows it. Such
     * an engine must call this, with at least one target.
     *
     * @throws IllegalStateException when the engine is not DISKLESS: a file engine sizes the
     *     targets it is given and never replaces them
     * @throws IllegalArgumentException when {@code targets} is empty
     */
    void setTargets(List<IoTarget> targets);
}
