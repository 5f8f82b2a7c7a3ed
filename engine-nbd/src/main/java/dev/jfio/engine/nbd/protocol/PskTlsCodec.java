package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * TLS-PSK through BouncyCastle's non-blocking {@link TlsClientProtocol}: the username is the PSK
 * identity, as GnuTLS (nbdkit, qemu-nbd) expects. The record crypto is BouncyCastle's {@code
 * JcaTlsCrypto} over the JDK's own providers (SunJCE: AES-GCM on the CPU's AES instructions, seven
 * times the throughput of BouncyCastle's pure-Java {@code BcTlsCrypto} here); no BouncyCastle JCE
 * provider is registered, so the bundle's unsigned jars are fine. BouncyCastle buffers decrypted
 * plaintext itself; ciphertext moves through heap buffers (its API takes arrays), plaintext to
 * send through one reused array.
 *
 * <p>Thread contract: not thread-safe; the connection's thread.
 */
final class PskTlsCodec implements TlsCodec {
    /** Plaintext per record, and the room kept for the record's header, MAC and padding. */
    private static final int CHUNK = 16 * 1024;

    private static final int OVERHEAD = 1024;

    private final TlsClientProtocol protocol = new TlsClientProtocol();
    private final Client client;
    private final TlsFailures failures;
    private final byte[] chunk = new byte[CHUNK];
    private boolean started;

    PskTlsCodec(String user, byte[] key, TlsFailures failures) {
        this.client = new Client(user, key);
        this.failures = failures;
    }

    /**
     * Offers TLS 1.3 with the key as an external PSK (identity = username, SHA-256 binder, as
     * GnuTLS expects), and TLS 1.2 PSK suites for older servers; records what the server chose.
     */
    private static final class Client extends PSKTlsClient {
        private final byte[] identity;
        private final byte[] key;
        int cipherSuite = -1;
        ProtocolVersion version;

        Client(String user, byte[] key) {
            super(new JcaTlsCryptoProvider().create(new SecureRandom()), new BasicTlsPSKIdentity(user, key));
            this.identity = user.getBytes(StandardCharsets.UTF_8);
            this.key = key;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            int[] tls12 = super.getSupportedCipherSuites();
            int[] all = new int[tls12.length + 2];
            // AES-GCM first: the JDK's runs on the CPU's AES instructions
            all[0] = CipherSuite.TLS_AES_128_GCM_SHA256;
            all[1] = CipherSuite.TLS_CHACHA20_POLY1305_SHA256;
            System.arraycopy(tls12, 0, all, 2, tls12.length);
            return all;
        }

        @Override
        public Vector<TlsPSKExternal> getExternalPSKs() {
            Vector<TlsPSKExternal> psks = new Vector<>(1);
            psks.add(new BasicTlsPSKExternal(identity, getCrypto().createSecret(key), PRFAlgorithm.tls13_hkdf_sha256));
            return psks;
        }

        @Override
        public void notifySelectedCipherSuite(int selected) {
            super.notifySelectedCipherSuite(selected);
            cipherSuite = selected;
        }

        @Override
        public void notifyServerVersion(ProtocolVersion v) throws IOException {
            super.notifyServerVersion(v);
            version = v;
        }
    }

    @Override
    public boolean heapBuffers() {
        return true;
    }

    @Override
    public int netBufferSize() {
        return 64 * 1024;
    }

    @Override
    public boolean handshake(ByteBuffer netIn, ByteBuffer netOut) throws IOException {
        try {
            if (!started) {
                protocol.connect(client);
                started = true;
            }
            offer(netIn);
            drainOutput(netOut);
            if (protocol.isClosed()) {
                throw failures.closedDuringHandshake();
            }
            return protocol.isConnected() && !protocol.isHandshaking();
        } catch (TlsFatalAlertReceived e) {
            throw failures.handshake(
                    new IOException("received fatal alert: " + AlertDescription.getText(e.getAlertDescription()), e));
        } catch (TlsFatalAlert e) {
            throw failures.handshake(new IOException(AlertDescription.getText(e.getAlertDescription()), e));
        }
    }

    private void offer(ByteBuffer netIn) throws IOException {
        if (netIn.hasRemaining()) {
            protocol.offerInput(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
            netIn.position(netIn.limit());
        }
    }

    private void drainOutput(ByteBuffer netOut) throws IOException {
        int n = protocol.getAvailableOutputBytes();
        if (n > netOut.remaining()) {
            throw new IOException("internal: TLS output of " + n + " bytes does not fit " + netOut.remaining());
        }
        if (n > 0) {
            protocol.readOutput(netOut, n);
        }
    }

    @Override
    public int minPlaintextRoom() {
        return 1;
    }

    @Override
    public int unwrap(ByteBuffer netIn, ByteBuffer dst, ByteBuffer[] dsts) throws IOException {
        try {
            offer(netIn);
        } catch (TlsFatalAlertReceived e) {
            throw failures.inSession(
                    new IOException("received fatal alert: " + AlertDescription.getText(e.getAlertDescription()), e));
        } catch (IOException e) {
            if (protocol.isClosed() && protocol.applicationDataAvailable() == 0) {
                return -1;
            }
            throw failures.inSession(e);
        }
        int avail = protocol.applicationDataAvailable();
        if (avail == 0) {
            return protocol.isClosed() ? -1 : 0;
        }
        if (dsts == null) {
            return protocol.readInput(dst, Math.min(avail, dst.remaining()));
        }
        int n = 0;
        for (ByteBuffer d : dsts) {
            int k = Math.min(avail - n, d.remaining());
            if (k > 0) {
                n += protocol.readInput(d, k);
            }
        }
        return n;
    }

    @Override
    public boolean hasPlaintext() {
        return protocol.applicationDataAvailable() > 0;
    }

    @Override
    public long wrap(ByteBuffer[] srcs, int count, ByteBuffer netOut) throws IOException {
        long consumed = 0;
        int i = 0;
        while (i < count && netOut.remaining() > OVERHEAD) {
            ByteBuffer src = srcs[i];
            if (!src.hasRemaining()) {
                i++;
                continue;
            }
            int k = Math.min(Math.min(CHUNK, netOut.remaining() - OVERHEAD), src.remaining());
            src.get(src.position(), chunk, 0, k);
            src.position(src.position() + k);
            try {
                protocol.writeApplicationData(chunk, 0, k);
            } catch (IOException e) {
                throw failures.inSession(e);
            }
            drainOutput(netOut);
            consumed += k;
        }
        return consumed;
    }

    @Override
    public TlsFailures failures() {
        return failures;
    }

    @Override
    public TlsSession session() {
        ProtocolVersion v = client.version;
        String version = v == null ? "" : v.getName().replace("TLS ", "TLSv");
        return new TlsSession("psk", version, cipherName(client.cipherSuite));
    }

    /** The IANA name of a cipher suite, from BouncyCastle's constants (once per connection). */
    private static String cipherName(int suite) {
        for (Field f : CipherSuite.class.getFields()) {
            try {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && f.getInt(null) == suite) {
                    return f.getName();
                }
            } catch (IllegalAccessException e) {
                break;
            }
        }
        return "0x" + Integer.toHexString(suite);
    }

    @Override
    public void close(ByteBuffer netOut) {
        try {
            protocol.close();
            int n = Math.min(protocol.getAvailableOutputBytes(), netOut.remaining());
            if (n > 0) {
                protocol.readOutput(netOut, n);
            }
        } catch (IOException | RuntimeException e) {
            // leaving anyway
        }
    }
}
