package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * X.509 TLS (1.3 and 1.2) through JSSE's {@link SSLEngine}. Records are decrypted straight into
 * the caller's buffers when they have room for a whole record; JSSE itself allocates one {@link
 * SSLEngineResult} per record (and per wrap), which jfio cannot avoid.
 *
 * <p>Thread contract: not thread-safe; the connection's thread.
 */
final class JsseTlsCodec implements TlsCodec {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final ByteBuffer[] NONE = {EMPTY};

    private final SSLEngine engine;
    private final TlsFailures failures;
    private final int packetSize;
    private final int appSize;
    /** Plaintext that a handshake message could carry (none is expected before the client speaks). */
    private final ByteBuffer handshakeSink;

    private boolean started;

    JsseTlsCodec(SSLEngine engine, TlsFailures failures) {
        this.engine = engine;
        this.failures = failures;
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.appSize = engine.getSession().getApplicationBufferSize();
        this.handshakeSink = ByteBuffer.allocate(appSize);
    }

    /**
     * Heap: the JDK's AES-GCM copies direct buffers through a new array per record (about 5 KB per
     * 4 KiB I/O, measured), heap buffers it processes in place. JSSE decrypts in the network buffer
     * and copies the plaintext out either way.
     */
    @Override
    public boolean heapBuffers() {
        return true;
    }

    @Override
    public int netBufferSize() {
        return Math.max(4 * packetSize, 64 * 1024);
    }

    @Override
    public boolean handshake(ByteBuffer netIn, ByteBuffer netOut) throws IOException {
        try {
            if (!started) {
                engine.beginHandshake();
                started = true;
            }
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK:
                        runTasks();
                        break;
                    case NEED_WRAP:
                        if (netOut.remaining() < packetSize) {
                            return false;
                        }
                        SSLEngineResult w = engine.wrap(NONE, netOut);
                        if (w.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw failures.closedDuringHandshake();
                        }
                        break;
                    case NEED_UNWRAP:
                    case NEED_UNWRAP_AGAIN:
                        if (!netIn.hasRemaining()
                                && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                            return false;
                        }
                        handshakeSink.clear();
                        SSLEngineResult u = engine.unwrap(netIn, handshakeSink);
                        if (u.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                            return false;
                        }
                        if (u.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw failures.closedDuringHandshake();
                        }
                        break;
                    default:
                        return true;
                }
            }
        } catch (SSLException e) {
            throw failures.handshake(e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    @Override
    public int minPlaintextRoom() {
        return appSize;
    }

    @Override
    public int unwrap(ByteBuffer netIn, ByteBuffer dst, ByteBuffer[] dsts) throws IOException {
        int produced = 0;
        try {
            while (netIn.hasRemaining()) {
                SSLEngineResult r = dsts == null ? engine.unwrap(netIn, dst) : engine.unwrap(netIn, dsts);
                switch (r.getStatus()) {
                    case OK:
                        produced += r.bytesProduced();
                        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                            runTasks();
                        }
                        if (r.bytesConsumed() == 0 || room(dst, dsts) < appSize) {
                            return produced;
                        }
                        break;
                    case CLOSED:
                        return produced > 0 ? produced : -1;
                    default: // underflow: no whole record; overflow: no room for the next one
                        return produced;
                }
            }
            return produced;
        } catch (SSLException e) {
            throw failures.inSession(e);
        }
    }

    private static int room(ByteBuffer dst, ByteBuffer[] dsts) {
        if (dsts == null) {
            return dst.remaining();
        }
        int r = 0;
        for (ByteBuffer b : dsts) {
            r += b.remaining();
        }
        return r;
    }

    @Override
    public boolean hasPlaintext() {
        return false;
    }

    @Override
    public long wrap(ByteBuffer[] srcs, int count, ByteBuffer netOut) throws IOException {
        long consumed = 0;
        try {
            while (netOut.remaining() >= packetSize && TlsTransport.hasRemaining(srcs, count)) {
                SSLEngineResult r = engine.wrap(srcs, 0, count, netOut);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw failures.closedInSession();
                }
                consumed += r.bytesConsumed();
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException e) {
            throw failures.inSession(e);
        }
        return consumed;
    }

    @Override
    public TlsFailures failures() {
        return failures;
    }

    @Override
    public TlsSession session() {
        return new TlsSession(
                "x509", engine.getSession().getProtocol(), engine.getSession().getCipherSuite());
    }

    @Override
    public void close(ByteBuffer netOut) {
        try {
            engine.closeOutbound();
            if (netOut.remaining() >= packetSize) {
                engine.wrap(NONE, netOut);
            }
        } catch (SSLException | RuntimeException e) {
            // leaving anyway
        }
    }
}
