package dev.jfio.verify;

import java.nio.ByteBuffer;

/** XXH64, Yann Collet's 64-bit xxHash, over a range of a buffer. Stateless; safe from any thread. */
public final class Xxh64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private Xxh64() {}

    /** XXH64 of {@code data} with {@code seed}. */
    public static long hash(byte[] data, long seed) {
        return hash(ByteBuffer.wrap(data), 0, data.length, seed);
    }

    /**
     * XXH64 of the {@code length} bytes of {@code buffer} from absolute index {@code from}, with
     * {@code seed}. Does not move the buffer's position and allocates nothing.
     */
    public static long hash(ByteBuffer buffer, int from, int length, long seed) {
        int p = from;
        int end = from + length;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = end - 32;
            do {
                v1 = round(v1, LittleEndian.getLong(buffer, p));
                v2 = round(v2, LittleEndian.getLong(buffer, p + 8));
                v3 = round(v3, LittleEndian.getLong(buffer, p + 16));
                v4 = round(v4, LittleEndian.getLong(buffer, p + 24));
                p += 32;
            } while (p <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        while (p + 8 <= end) {
            h ^= round(0, LittleEndian.getLong(buffer, p));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p + 4 <= end) {
            h ^= (LittleEndian.getInt(buffer, p) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < end) {
            h ^= (buffer.get(p) & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            p++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long merge(long h, long v) {
        h ^= round(0, v);
        return h * P1 + P4;
    }
}
