package dev.jfio.testkit;

import java.nio.ByteBuffer;

/**
 * Deterministic test data: the byte at a position depends on that position alone, so equal
 * offsets give equal bytes and data written at one offset cannot pass for data of another.
 * Filling and checking a buffer allocate nothing.
 */
public final class DataPattern {
    private DataPattern() {}

    /** The pattern's {@code length} bytes starting at {@code offset}. */
    public static byte[] bytes(long offset, int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = byteAt(offset + i);
        }
        return data;
    }

    /** The pattern's byte at {@code position}. */
    public static byte byteAt(long position) {
        long x = position * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56 ^ position);
    }

    /** Clears {@code buffer} and puts the pattern's {@code length} bytes at {@code offset} from index 0. */
    static void fill(ByteBuffer buffer, long offset, int length) {
        buffer.clear();
        for (int i = 0; i < length; i++) {
            buffer.put(byteAt(offset + i));
        }
    }

    /** Whether indexes {@code [0, length)} of {@code buffer} hold the pattern at {@code offset}. */
    static boolean matches(ByteBuffer buffer, long offset, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer.get(i) != byteAt(offset + i)) {
                return false;
            }
        }
        return true;
    }
}
