package dev.jfio.testkit;

import dev.jfio.spi.Completions;
import dev.jfio.spi.IoUnit;

/**
 * The sink a harnessed engine's {@code getEvents} hands its finished units to: counts them
 * against {@code max} and gives each back to its {@link UnitQueue}, which checks it was in flight.
 *
 * <p>Thread contract: called on the harness's thread, inside {@code getEvents}, as the runner's is.
 */
final class CompletionCollector implements Completions {
    private final UnitQueue queue;
    private int max;
    private int handed;

    CompletionCollector(UnitQueue queue) {
        this.queue = queue;
    }

    /** Starts counting for one getEvents call that may hand at most {@code max} units. */
    void begin(int max) {
        this.max = max;
        this.handed = 0;
    }

    /** Units handed since {@link #begin}. */
    int handed() {
        return handed;
    }

    @Override
    public void completed(IoUnit unit) {
        queue.checkHanded(unit);
        if (++handed > max) {
            throw new AssertionError("getEvents handed more than max=" + max + " units");
        }
        queue.release(unit);
    }
}
