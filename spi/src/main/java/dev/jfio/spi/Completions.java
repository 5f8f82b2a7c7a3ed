package dev.jfio.spi;

/**
 * Where an engine hands finished units during {@link IoEngine#getEvents}.
 *
 * <p>Thread contract: called only on the job thread, from inside {@code getEvents}. The
 * implementation is the runner's; it takes the completion time and accounts the unit, so an
 * engine calls it as soon as it has set the unit's result, once per unit. It allocates nothing.
 */
@FunctionalInterface
public interface Completions {
    /** The unit is finished: {@link IoUnit#complete(int)} or {@link IoUnit#fail} has been called on it. */
    void completed(IoUnit unit);
}
