package dev.jfio.verify;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;

/**
 * Computes one mode's checksum over a range of a buffer into a byte array, reusing one
 * {@link CRC32C} or {@link MessageDigest} instance. Not thread-safe: one per job thread.
 */
final class Checksummer {
    private final VerifyMode mode;
    private final CRC32C crc = new CRC32C();
    private final MessageDigest digest;

    Checksummer(VerifyMode mode) {
        this.mode = mode;
        try {
            digest = mode == VerifyMode.MD5
                    ? MessageDigest.getInstance("MD5")
                    : mode == VerifyMode.SHA256 ? MessageDigest.getInstance("SHA-256") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks " + mode.text() + ": " + e.getMessage(), e);
        }
    }

    /** crc32c of {@code [from, to)}; the buffer's position and limit are restored. */
    int crc32c(ByteBuffer b, int from, int to) {
        crc.reset();
        int pos = b.position();
        int lim = b.limit();
        b.limit(b.capacity()).position(from);
        b.limit(to);
        crc.update(b);
        b.limit(lim).position(pos);
        return (int) crc.getValue();
    }

    /**
     * Writes the mode's checksum of {@code [from, to)} into {@code out[0..checksumLength)}
     * (integers little-endian, digests as they come).
     */
    void compute(ByteBuffer b, int from, int to, byte[] out) {
        switch (mode) {
            case CRC32C:
                putInt(out, crc32c(b, from, to));
                break;
            case XXHASH: {
                long h = Xxh64.hash(b, from, to - from, 0);
                for (int i = 0; i < 8; i++) {
                    out[i] = (byte) (h >>> (8 * i));
                }
                break;
            }
            case MD5:
            case SHA256: {
                digest.reset();
                int pos = b.position();
                int lim = b.limit();
                b.limit(b.capacity()).position(from);
                b.limit(to);
                digest.update(b);
                b.limit(lim).position(pos);
                try {
                    digest.digest(out, 0, mode.checksumLength());
                } catch (DigestException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                break;
            }
            default:
                break;
        }
    }

    private static void putInt(byte[] out, int v) {
        out[0] = (byte) v;
        out[1] = (byte) (v >>> 8);
        out[2] = (byte) (v >>> 16);
        out[3] = (byte) (v >>> 24);
    }
}
