package dev.jfio.engine.nbd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the request writer puts on the wire, and when. */
class RequestWriterTest {
    @TempDir
    Path dir;

    private ServerSocketChannel listener;
    private SocketChannel peer;
    private WireChannel wire;
    private RequestWriter writer;

    @BeforeEach
    void connect() throws IOException {
        Path socket = dir.resolve("w.sock");
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        peer = listener.accept();
        peer.configureBlocking(false);
        wire = new WireChannel(client, 64 * 1024, "test peer");
        writer = new RequestWriter(wire);
    }

    @AfterEach
    void close() throws IOException {
        wire.close();
        peer.close();
        listener.close();
    }

    /** Everything the peer has received so far. */
    private ByteBuffer received() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        while (peer.read(b) > 0) {
            // keep reading what is there
        }
        return b.flip();
    }

    private static ByteBuffer payload(int len) {
        ByteBuffer b = ByteBuffer.allocateDirect(len);
        for (int i = 0; i < len; i++) {
            b.put(i, (byte) (i * 7 + 3));
        }
        return b;
    }

    private static void assertRequest(ByteBuffer in, int cmd, long cookie, long off, int len) {
        assertEquals(Nbd.REQUEST_MAGIC, in.getInt());
        assertEquals(0, in.getShort());
        assertEquals(cmd, in.getShort());
        assertEquals(cookie, in.getLong());
        assertEquals(off, in.getLong());
        assertEquals(len, in.getInt());
    }

    private static void assertPayload(ByteBuffer in, int len) {
        for (int i = 0; i < len; i++) {
            assertEquals((byte) (i * 7 + 3), in.get(), "payload byte " + i);
        }
    }

    @Test
    void smallRequestsWaitInTheBatchUntilSendQueued() throws IOException {
        writer.write(1, Nbd.CMD_READ, 0, 4096, 4096, null);
        writer.write(2, Nbd.CMD_WRITE, 0, 8192, 512, payload(512));
        assertTrue(writer.hasQueued());
        assertEquals(0, received().remaining(), "nothing sent before sendQueued");
        writer.sendQueued();
        assertFalse(writer.hasQueued());
        ByteBuffer in = received();
        assertRequest(in, Nbd.CMD_READ, 1, 4096, 4096);
        assertRequest(in, Nbd.CMD_WRITE, 2, 8192, 512);
        assertPayload(in, 512);
        assertEquals(0, in.remaining());
    }

    @Test
    void aLargeWriteGoesOutAtOnceAfterTheBatchAndLeavesTheCallersBufferCleared() throws IOException {
        int len = RequestWriter.BATCHED_PAYLOAD + 1;
        ByteBuffer buf = payload(len + 100);
        writer.write(1, Nbd.CMD_FLUSH, 0, 0, 0, null);
        writer.write(2, Nbd.CMD_WRITE, 0, 0, len, buf);
        assertFalse(writer.hasQueued(), "the batch went out with the large write");
        assertEquals(0, buf.position());
        assertEquals(buf.capacity(), buf.limit());
        ByteBuffer in = received();
        assertRequest(in, Nbd.CMD_FLUSH, 1, 0, 0);
        assertRequest(in, Nbd.CMD_WRITE, 2, 0, len);
        assertPayload(in, len);
        assertEquals(0, in.remaining());
    }

    @Test
    void aFullBatchIsSentToMakeRoom() throws Exception {
        int len = RequestWriter.BATCHED_PAYLOAD;
        int fit = 256 * 1024 / (28 + len);
        AtomicLong count = new AtomicLong();
        // more than a socket buffer: the peer drains concurrently, or the writer would block
        Thread drain = new Thread(() -> {
            ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
            try {
                peer.configureBlocking(true);
                int r;
                while ((r = peer.read(sink.clear())) >= 0) {
                    count.addAndGet(r);
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        drain.setDaemon(true);
        drain.start();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i <= fit; i++) {
                writer.write(i, Nbd.CMD_WRITE, 0, (long) i * len, len, payload(len));
            }
            long batch = (long) fit * (28 + len);
            awaitCount(count, batch);
            Thread.sleep(50);
            assertEquals(batch, count.get(), "the batch that was full, not the request after it");
            writer.sendQueued();
            awaitCount(count, batch + 28 + len);
        });
    }

    private static void awaitCount(AtomicLong count, long expected) throws InterruptedException {
        while (count.get() < expected) {
            Thread.sleep(1);
        }
    }
}
