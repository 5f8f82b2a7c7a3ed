package dev.jfio.engine.nbd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
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
}
