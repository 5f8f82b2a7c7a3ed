package dev.jfio.verify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Absolute little-endian access to a buffer whatever its byte order, without changing the order
 * or allocating a view: the verify layout is little-endian on disk, as fio's is on x86.
 */
final class LittleEndian {
    private LittleEndian() {}

    static long getLong(ByteBuffer b, int index) {
        long v = b.getLong(index);
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v);
    }

    static void putLong(ByteBuffer b, int index, long v) {
        b.putLong(index, b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v));
    }

    static int getInt(ByteBuffer b, int index) {
        int v = b.getInt(index);
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static void putInt(ByteBuffer b, int index, int v) {
        b.putInt(index, b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v));
    }

    static int getUnsignedShort(ByteBuffer b, int index) {
        return (b.get(index) & 0xff) | (b.get(index + 1) & 0xff) << 8;
    }

    static void putShort(ByteBuffer b, int index, int v) {
        b.put(index, (byte) v);
        b.put(index + 1, (byte) (v >>> 8));
    }
}
