package dev.jfio.run;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import java.nio.ByteBuffer;

/** The runner's I/O unit: the one class that sets units up for the next I/O. Job thread only. */
final class RunnerUnit extends IoUnit {
    RunnerUnit(int index, ByteBuffer buffer) {
        super(index, buffer);
    }

    /** Sets up the next I/O and clears the previous result. */
    void set(IoOp op, IoTarget target, long offset, int length, int flags) {
        prepare(op, target, offset, length, flags);
    }
}
