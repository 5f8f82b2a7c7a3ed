package dev.jfio.run;

import java.time.Instant;

/**
 * Places {@link System#nanoTime()} readings on the wall clock (epoch nanoseconds), from one pair of
 * readings taken together. Immutable; safe from any thread.
 */
final class WallClock {
    private final long nanoAnchor;
    private final long wallAnchor;

    WallClock() {
        Instant now = Instant.now();
        nanoAnchor = System.nanoTime();
        wallAnchor = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The wall-clock time (epoch ns) of a {@link System#nanoTime()} reading. */
    long of(long nanoTime) {
        return wallAnchor + (nanoTime - nanoAnchor);
    }
}
