package dev.jfio.engine.nbd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jfio.engine.nbd.protocol.WireChannel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadToFileTest {
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
    void payloadsMoveIntoAFileAtTheGivenPositionAndAFailingFileKeepsTheStreamInStep() throws IOException {
        ByteBuffer payload = sendHeaderAndPayload();
        wire.skip(16);
        Path path = dir.resolve("store");
        try (FileChannel file = FileChannel.open(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            PayloadToFile.move(wire, file, 4096, PAYLOAD);
            ByteBuffer back = ByteBuffer.allocate(PAYLOAD);
            file.read(back, 4096);
            back.flip();
            assertEquals(payload, back);
        }
        sendHeaderAndPayload();
        wire.skip(16);
        // the file fails (closed): the exception comes after the whole payload has been received
        FileChannel closed = FileChannel.open(path, StandardOpenOption.WRITE);
        closed.close();
        assertThrows(IOException.class, () -> PayloadToFile.move(wire, closed, 0, PAYLOAD));
        peer.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 9}));
        assertEquals(9, wire.getInt());
    }

    @Test
    void aPayloadLargerThanOneBatchArrivesWhole() throws IOException {
        wire.limitReadAhead(16);
        ByteBuffer payload = sendHeaderAndPayload();
        wire.skip(16);
        try (FileChannel file = FileChannel.open(
                dir.resolve("store"),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            PayloadToFile.move(wire, file, 0, PAYLOAD);
            ByteBuffer back = ByteBuffer.allocate(PAYLOAD);
            file.read(back, 0);
            back.flip();
            assertEquals(payload, back);
            assertEquals(0, wire.buffered());
        }
    }
}
