package dev.jfio.engine.nbd.server;

import dev.jfio.engine.nbd.protocol.WireChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Moves a write request's payload from the wire into the store's file: each batch read into the
 * receive buffer goes to the file from there, so the payload is copied by the kernel only.
 * Allocates nothing.
 *
 * <p>Thread contract: stateless; called by the session's thread that owns the wire.
 */
final class PayloadToFile {
    private PayloadToFile() {}

    /**
     * Moves the next {@code n} bytes received on {@code wire} into {@code file} at {@code pos}.
     *
     * @throws IOException from the socket; or, when the file fails, the file's exception after the
     *     rest of the {@code n} bytes has been received and discarded (the stream stays in step)
     */
    static void move(WireChannel wire, FileChannel file, long pos, long n) throws IOException {
        IOException failed = null;
        while (n > 0) {
            ByteBuffer batch = wire.take(n);
            n -= batch.remaining();
            if (failed == null) {
                try {
                    while (batch.hasRemaining()) {
                        pos += file.write(batch, pos);
                    }
                } catch (IOException e) {
                    failed = e;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
