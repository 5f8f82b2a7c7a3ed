package dev.jfio.run;

import java.io.IOException;

/**
 * How the jobs of several jfio processes start together (a wall-clock time, a barrier in a shared
 * directory): {@link PreparedRun} calls {@link #meet} on its starting thread once this process's
 * first jobs are ready to do I/O (engines initialised, buffers allocated), and releases them when
 * it returns.
 */
@FunctionalInterface
public interface Rendezvous {
    /**
     * Blocks until this process's jobs may start.
     *
     * @return the common start on the wall clock (epoch nanoseconds), or -1 when there is none
     * @throws IOException with a one-line message when the ranks cannot start together (a barrier
     *     timed out: the message names the ranks that did not arrive); the jobs then fail unstarted
     */
    long meet() throws IOException;

    /**
     * After {@link #meet} returned and the jobs were released: tidy up (a barrier's files), off the
     * start's critical path.
     *
     * @throws IOException with a one-line message when tidying failed (the run goes on)
     */
    default void released() throws IOException {}
}
