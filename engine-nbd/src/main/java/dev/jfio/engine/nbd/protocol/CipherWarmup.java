package dev.jfio.engine.nbd.protocol;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs the JDK's AES-GCM over throw-away records the way JSSE's TLS 1.3 record layer calls it
 * (heap {@link ByteBuffer}s, a 5-byte header as associated data, a fresh nonce per record), before
 * the job starts, so that the JIT has compiled it onto the CPU's AES and carry-less multiply
 * instructions by the time the first I/O is timed. Until then AES-GCM runs as interpreted Java, some
 * ten times slower than afterwards (docs/PERFORMANCE.md).
 *
 * <p>Thread contract: stateless; any thread, once per process is enough.
 */
final class CipherWarmup {
    private static final int RECORD = 16 * 1024;
    /** Compiled, the JDK seals and opens 16 KiB in about 15 us here; interpreted, in milliseconds. */
    private static final long FAST_NANOS = 80_000;

    private static final int FAST_RECORDS = 64;
    /**
     * Gives up when records have not got 20 % faster for this long: a JVM without the AES
     * intrinsics (or without C2) never reaches {@link #FAST_NANOS}.
     */
    private static final long PLATEAU_NANOS = 1_000_000_000L;

    private static volatile boolean done;

    private CipherWarmup() {}

    /**
     * Warms AES-GCM up once per process: until records go through at compiled speed (a 16 KiB record
     * sealed and opened in under {@link #FAST_NANOS}, {@link #FAST_RECORDS} times), or stop getting
     * faster, at most {@code millis}.
     */
    static void aesGcm(long millis) {
        if (done) {
            return;
        }
        done = true;
        try {
            byte[] key = new byte[32];
            SecretKeySpec k256 = new SecretKeySpec(key, "AES");
            SecretKeySpec k128 = new SecretKeySpec(key, 0, 16, "AES");
            Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
            Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] iv = new byte[12];
            byte[] aad = new byte[5];
            ByteBuffer plain = ByteBuffer.allocate(RECORD);
            ByteBuffer sealed = ByteBuffer.allocate(RECORD + 16);
            ByteBuffer opened = ByteBuffer.allocate(RECORD);
            long end = System.nanoTime() + millis * 1_000_000L;
            int fast = 0;
            long best = Long.MAX_VALUE;
            long bestAt = System.nanoTime();
            for (long i = 0, t = bestAt; t < end && fast < FAST_RECORDS && t - bestAt < PLATEAU_NANOS; i++) {
                SecretKeySpec k = (i & 1) == 0 ? k256 : k128;
                iv[0] = (byte) i;
                iv[1] = (byte) (i >>> 8);
                iv[2] = (byte) (i >>> 16);
                int len = (i & 2) == 0 ? RECORD : 4096 + 17;
                GCMParameterSpec spec = new GCMParameterSpec(128, iv);
                enc.init(Cipher.ENCRYPT_MODE, k, spec);
                enc.updateAAD(aad);
                plain.clear().limit(len);
                sealed.clear();
                enc.doFinal(plain, sealed);
                sealed.flip();
                dec.init(Cipher.DECRYPT_MODE, k, spec);
                dec.updateAAD(aad);
                opened.clear();
                dec.doFinal(sealed, opened);
                long now = System.nanoTime();
                if (len == RECORD) {
                    long took = now - t;
                    if (took < FAST_NANOS) {
                        fast++;
                    }
                    if (took < best - best / 5) {
                        best = took;
                        bestAt = now;
                    }
                }
                t = now;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // only a warm-up: the session's own cipher reports real failures
        }
    }
}
