package dev.jfio.engine.nbd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireChannelTest {
    private static final int PAYLOAD = 64 * 1024;

    @TempDir
    Path dir;

    private ServerSocketChannel listener;
    private SocketChannel peer;
    private WireChannel wire;

    @BeforeEach
    void connect() throws IOException {
        Path socket = dir.resolve("w.sock");
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        peer = listener.accept();
        wire = new WireChannel(client, 256 * 1024, "test peer");
    }

    @AfterEach
    void close() throws IOException {
        wire.close();
        peer.close();
        listener.close();
    }

    /** Sends a 16-byte header and a payload of {@link #PAYLOAD} bytes, all of it before the test reads. */
    private ByteBuffer sendHeaderAndPayload() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + PAYLOAD);
        b.putInt(0x67446698).putInt(0).putLong(42);
        for (int i = 0; i < PAYLOAD; i++) {
            b.put((byte) (i * 13 + 1));
        }
        b.flip();
        while (b.hasRemaining()) {
            peer.write(b);
        }
        return b.position(16).slice();
    }

    @Test
    void unboundedReadsTakeInEverythingTheSocketHolds() throws IOException {
        sendHeaderAndPayload();
        assertEquals(0x67446698, wire.getInt());
        assertEquals(12 + PAYLOAD, wire.buffered());
    }

    @Test
    void readAheadLimitedToAHeaderLeavesTheLargePayloadToBeReadStraightIntoItsDestination() throws IOException {
        ByteBuffer payload = sendHeaderAndPayload();
        wire.limitReadAhead(16);
        assertEquals(0x67446698, wire.getInt());
        assertEquals(12, wire.buffered());
        assertEquals(0, wire.getInt());
        assertEquals(42, wire.getLong());
        assertEquals(0, wire.buffered());
        ByteBuffer dst = ByteBuffer.allocateDirect(PAYLOAD + 100);
        wire.readInto(dst, 100, PAYLOAD);
        assertEquals(payload, dst.slice(100, PAYLOAD));
        assertEquals(0, dst.position());
        assertEquals(dst.capacity(), dst.limit());
    }

    @Test
    void theReadThatEndsALargePayloadAlsoTakesInTheNextHeaderUpToTheReadAhead() throws IOException {
        ByteBuffer payload = sendHeaderAndPayload();
        sendHeaderAndPayload();
        wire.limitReadAhead(16);
        wire.skip(16);
        ByteBuffer dst = ByteBuffer.allocateDirect(PAYLOAD);
        wire.readInto(dst, 0, PAYLOAD);
        assertEquals(payload, dst);
        assertEquals(16, wire.buffered());
        assertEquals(0x67446698, wire.getInt());
        wire.limitReadAhead(0);
        wire.skip(12);
        wire.readInto(dst, 0, PAYLOAD);
        assertEquals(payload, dst);
        assertEquals(0, wire.buffered());
    }

    @Test
    void aReadBlockedAtTheDeadlineIsCutThereWithTheDeadlinesMessage() {
        long start = System.nanoTime();
        wire.setDeadline(start + TimeUnit.MILLISECONDS.toNanos(200), "past the job's time limit");
        IOException e = assertThrows(IOException.class, wire::getInt); // the peer sends nothing
        long waited = System.nanoTime() - start;
        assertEquals("past the job's time limit", e.getMessage());
        assertTrue(wire.timedOut());
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(200), "cut after " + waited + " ns");
        assertTrue(waited < TimeUnit.SECONDS.toNanos(3), "cut after " + waited + " ns");
    }

    @Test
    void aDeadlineAlreadyPassedFailsTheNextReadAtOnce() {
        wire.setDeadline(System.nanoTime() - 1, "past the job's time limit");
        IOException e = assertThrows(IOException.class, wire::getInt);
        assertEquals("past the job's time limit", e.getMessage());
        assertTrue(wire.timedOut());
        assertFalse(wire.isOpen());
    }

    @Test
    void aDeadlineBoundsOnlyTheCallsMadeWhileItIsSet() throws Exception {
        ByteBuffer word = ByteBuffer.allocate(4).putInt(7).flip();
        peer.write(word);
        wire.setDeadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100), "past the job's time limit");
        assertEquals(7, wire.getInt());
        wire.setTimeout(0, "none");
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(400); // well past the old deadline and several watchdog ticks
                peer.write(ByteBuffer.allocate(4).putInt(8).flip());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        late.start();
        assertEquals(8, wire.getInt());
        late.join();
        assertFalse(wire.timedOut());
        assertTrue(wire.isOpen());
    }
}
