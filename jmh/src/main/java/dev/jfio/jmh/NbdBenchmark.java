package dev.jfio.jmh;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.server.MemoryNbdServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * NBD request encoding and reply decoding, as {@link NbdConnection#submit} and
 * {@link NbdConnection#nextCompletion(boolean)} do them, against the embedded memory server over a
 * unix socket in the same JVM.
 *
 * <p>Encoding and decoding are not separable from the socket: {@code submit} writes the 28-byte
 * header straight into the connection's private batch buffer, and the reply parser reads through a
 * {@code WireChannel} that wraps a connected {@code SocketChannel}. So each operation here is one
 * whole round trip (encode, write, the server's read/answer, read, decode), and its time is mostly
 * system calls and the server thread; the allocation figure ({@code -prof gc}, which counts every
 * thread, the server's too) is what matters. {@code batch} requests are sent with one write and
 * reaped together, as the engine does at iodepth {@code batch}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NbdBenchmark {
    private static final int BATCH = 16;
    private static final int BS = 4096;
    private static final long SIZE = 64L << 20;

    @Param({"true", "false"})
    public boolean structuredReplies;

    private MemoryNbdServer server;
    private NbdConnection connection;
    private final ByteBuffer[] buffers = new ByteBuffer[BATCH];
    private long offset;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = MemoryNbdServer.start(SIZE, "");
        connection = NbdConnection.connect(
                server.endpoint(), new NbdConnection.Options().slots(BATCH).structuredReplies(structuredReplies));
        for (int i = 0; i < BATCH; i++) {
            buffers[i] = ByteBuffer.allocateDirect(BS);
        }
        // written data, so the server answers with data (not holes) and the client copies it
        ByteBuffer fill = ByteBuffer.allocateDirect(1 << 20);
        for (long off = 0; off < SIZE; off += fill.capacity()) {
            connection.write(off, fill, fill.capacity(), false);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        connection.close();
        server.close();
    }

    private long nextOffset() {
        offset = (offset + 7 * BS) & (SIZE - 1);
        return offset;
    }

    /** One 4 KiB read at iodepth 1: encode, send, wait, decode. */
    @Benchmark
    public int read4kDepth1() throws IOException {
        connection.submit(0, Nbd.CMD_READ, 0, nextOffset(), BS, buffers[0]);
        connection.sendQueued();
        int slot = connection.nextCompletion(true);
        return slot + connection.error(slot);
    }

    /** 16 reads encoded into one batch and sent with one write, then 16 replies decoded. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int read4kBatch16() throws IOException {
        return batch(Nbd.CMD_READ);
    }

    /** 16 writes of 4 KiB (payload copied into the batch), then their 16 replies. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int write4kBatch16() throws IOException {
        return batch(Nbd.CMD_WRITE);
    }

    /** BATCH requests of one command encoded and sent with one write, then their replies decoded. */
    private int batch(int command) throws IOException {
        for (int i = 0; i < BATCH; i++) {
            connection.submit(i, command, 0, nextOffset(), BS, buffers[i]);
        }
        connection.sendQueued();
        int sum = 0;
        for (int i = 0; i < BATCH; i++) {
            int slot = connection.nextCompletion(true);
            sum += slot + connection.error(slot);
        }
        return sum;
    }
}
