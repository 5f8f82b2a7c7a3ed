package dev.jfio.engine.file.sync;

import dev.jfio.posix.Posix;
import dev.jfio.spi.IoUnit;
import java.nio.ByteBuffer;

/**
 * The native addresses of the units' buffers, looked up once per buffer: a unit keeps its buffer
 * for the whole job, and the lookup is a JNI call the I/O path need not repeat.
 *
 * <p>Thread contract: the job thread only. Allocates nothing after construction.
 */
final class BufferAddresses {
    private final ByteBuffer[] buffers;
    private final long[] addresses;

    /** @param units how many units the job has (its iodepth); others are looked up each time */
    BufferAddresses(int units) {
        this.buffers = new ByteBuffer[Math.max(1, units)];
        this.addresses = new long[buffers.length];
    }

    /** The address of the first byte of the unit's buffer. */
    long of(IoUnit unit) {
        int i = unit.index();
        ByteBuffer buffer = unit.buffer();
        if (i < 0 || i >= buffers.length) {
            return Posix.address(buffer);
        }
        if (buffers[i] != buffer) {
            addresses[i] = Posix.address(buffer);
            buffers[i] = buffer;
        }
        return addresses[i];
    }
}
