package dev.jfio.spi;

import java.util.List;

/**
 * What {@link IoEngine#setup} may read and change: the job clone's targets, before anything is
 * laid out. Valid only during the {@code setup} call.
 */
public interface SetupContext {
    /**
     * The targets the job names, from {@code filename} (split at ':') or fio's default name
     * {@code jobname.clone.0}; an engine may set or fix their sizes.
     */
    List<IoTarget> targets();

    /**
     * Replaces the targets. A diskless engine that talks to one server uses this to name the
     * one thing it benchmarks (for example the NBD export's URI) with its fixed size.
     */
    void setTargets(List<IoTarget> targets);
}
