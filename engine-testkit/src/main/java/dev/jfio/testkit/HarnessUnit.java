package dev.jfio.testkit;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import java.nio.ByteBuffer;

/**
 * An I/O unit a test sets up itself, as the runner would: for tests that drive an engine's
 * {@code queue} directly instead of through {@link EngineHarness}.
 *
 * <p>Thread contract: as {@link IoUnit}; one test thread at a time.
 */
public final class HarnessUnit extends IoUnit {
    /** A unit with a stable {@code index} and a direct {@code buffer}. */
    public HarnessUnit(int index, ByteBuffer buffer) {
        super(index, buffer);
    }

    /** Sets up the next I/O and clears the previous result, as the runner does before queue. */
    public HarnessUnit set(IoOp op, IoTarget target, long offset, int length, int flags) {
        prepare(op, target, offset, length, flags);
        return this;
    }
}
