package dev.jfio.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Vectors from the reference xxHash library (python-xxhash 3.x, xxh64). */
class Xxh64Test {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shortInputsMatchReferenceVectors() {
        assertEquals(0xef46db3751d8e999L, Xxh64.hash(new byte[0], 0));
        assertEquals(0xd24ec4f1a98c6e5bL, Xxh64.hash(ascii("a"), 0));
        assertEquals(0x44bc2cf5ad770999L, Xxh64.hash(ascii("abc"), 0));
    }

    @Test
    void inputsOfStripesAndTailsMatchReferenceVectors() {
        assertEquals(0xfbcea83c8a378bf1L, Xxh64.hash(ascii("Nobody inspects the spammish repetition"), 0));
        assertEquals(0x048b8b580878a4a4L, Xxh64.hash(ascii("0123456789abcdef0123456789abcdef"), 1));
        byte[] counting = new byte[768];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = (byte) i;
        }
        assertEquals(0x8e03c838c596036fL, Xxh64.hash(counting, 0));
        byte[] hundred = new byte[100];
        System.arraycopy(counting, 0, hundred, 0, 100);
        assertEquals(0x3b97d91eba03e785L, Xxh64.hash(hundred, 0x9E3779B97F4A7C15L));
    }

    @Test
    void hashOfARangeIgnoresBufferOrderAndSurroundingBytes() {
        byte[] text = ascii("Nobody inspects the spammish repetition");
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer direct = ByteBuffer.allocateDirect(text.length + 13).order(order);
            direct.put(0, (byte) 0x55);
            for (int i = 0; i < text.length; i++) {
                direct.put(5 + i, text[i]);
            }
            direct.put(5 + text.length, (byte) 0x77);
            assertEquals(0xfbcea83c8a378bf1L, Xxh64.hash(direct, 5, text.length, 0), order.toString());
            assertEquals(0, direct.position());
        }
    }
}
