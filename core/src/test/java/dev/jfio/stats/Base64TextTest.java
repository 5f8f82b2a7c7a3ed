package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The log's base64 is java.util.Base64's, for every length (padding of 0, 1 and 2). */
class Base64TextTest {
    @Test
    void encodesAsJavasBase64ForEveryLength() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] src = new byte[64];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) random.nextInt(256);
        }
        byte[] dst = new byte[Base64Text.encodedLength(src.length)];
        for (int n = 0; n <= src.length; n++) {
            int written = Base64Text.encode(src, n, dst);
            assertEquals(
                    Base64.getEncoder().encodeToString(Arrays.copyOf(src, n)),
                    new String(dst, 0, written, StandardCharsets.US_ASCII),
                    "length " + n);
        }
    }
}
