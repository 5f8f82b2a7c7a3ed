package dev.jfio.stats;

/**
 * Base64 (RFC 4648, with padding) of part of an array into a caller's buffer: what
 * {@link java.util.Base64} does, without the copy of the input and the String it would need for a
 * length other than the whole array. Stateless.
 */
final class Base64Text {
    private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Base64Text() {}

    /** Bytes the encoding of {@code n} bytes takes. */
    static int encodedLength(int n) {
        return 4 * ((n + 2) / 3);
    }

    /**
     * Encodes {@code src[0, n)} into {@code dst} (at least {@link #encodedLength} long).
     *
     * @return the bytes written
     */
    static int encode(byte[] src, int n, byte[] dst) {
        int o = 0;
        int i = 0;
        for (; i + 2 < n; i += 3) {
            int v = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
            dst[o++] = ALPHABET[v >>> 18];
            dst[o++] = ALPHABET[(v >>> 12) & 63];
            dst[o++] = ALPHABET[(v >>> 6) & 63];
            dst[o++] = ALPHABET[v & 63];
        }
        if (i < n) {
            int v = (src[i] & 0xff) << 16 | (i + 1 < n ? (src[i + 1] & 0xff) << 8 : 0);
            dst[o++] = ALPHABET[v >>> 18];
            dst[o++] = ALPHABET[(v >>> 12) & 63];
            dst[o++] = i + 1 < n ? ALPHABET[(v >>> 6) & 63] : (byte) '=';
            dst[o++] = '=';
        }
        return o;
    }
}
