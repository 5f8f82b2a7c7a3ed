package dev.jfio.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class BlockVerifyTest {
    private static final long SEED = 0x1234_5678_9abcL;
    private static final long MIB = 1 << 20;
    private static final String TARGET = "/tmp/f";
    private static final VerifyMode[] CHECKSUMS = {
        VerifyMode.CRC32C, VerifyMode.MD5, VerifyMode.SHA256, VerifyMode.XXHASH
    };

    private static BlockStamper stamper(VerifyMode mode) {
        return new BlockStamper(mode, null, 0, 0, SEED, 0);
    }

    private static BlockChecker checker(VerifyMode mode) {
        return new BlockChecker(mode, null, 0, 0, SEED, 0);
    }

    private static ByteBuffer stamped(BlockStamper s, int length, long offset, long sequence) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        s.stamp(b, length, offset, sequence);
        return b;
    }

    private static byte[] bytes(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = b.get(i);
        }
        return out;
    }

    private static int differing(ByteBuffer a, ByteBuffer b, int length) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (a.get(i) != b.get(i)) {
                n++;
            }
        }
        return n;
    }

    private static long crc32c(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        return c.getValue();
    }

    @Test
    void everyModeRoundTripsAtEveryBlockSizeAndInterval() {
        VerifyMode[] modes = {
            VerifyMode.CRC32C,
            VerifyMode.MD5,
            VerifyMode.SHA256,
            VerifyMode.XXHASH,
            VerifyMode.META,
            VerifyMode.PATTERN,
            VerifyMode.NULL
        };
        int[] sizes = {512, 4096, 65536, 1 << 20};
        byte[] pattern = {(byte) 0xde, (byte) 0xad, (byte) 0xbe};
        for (VerifyMode mode : modes) {
            for (int size : sizes) {
                for (int interval : new int[] {0, 512, size}) {
                    byte[] pat = mode == VerifyMode.PATTERN ? pattern : null;
                    BlockStamper s = new BlockStamper(mode, pat, interval, 0, SEED, 3);
                    BlockChecker c = new BlockChecker(mode, pat, interval, 0, SEED, 3);
                    ByteBuffer b = stamped(s, size, 7 * MIB, 42);
                    String where = mode + " bs=" + size + " interval=" + interval;
                    assertNull(c.check(b, size, 7 * MIB, 42, TARGET), where);
                    assertNull(c.check(b, size, 7 * MIB, -1, TARGET), where);
                }
            }
        }
    }

    @Test
    void contentIsAPureFunctionOfSeedOffsetAndSequence() {
        BlockStamper a = stamper(VerifyMode.CRC32C);
        BlockStamper b = stamper(VerifyMode.CRC32C);
        ByteBuffer x = stamped(a, 4096, 8192, 5);
        ByteBuffer y = stamped(b, 4096, 8192, 5);
        assertEquals(x, y);
        assertNotEquals(x, stamped(a, 4096, 8192, 6));
        assertNotEquals(x, stamped(a, 4096, 12288, 5));
        assertNotEquals(x, stamped(new BlockStamper(VerifyMode.CRC32C, null, 0, 0, SEED + 1, 0), 4096, 8192, 5));
    }

    @Test
    void layoutIsLittleEndianWhateverTheBufferOrder() {
        BlockStamper s = stamper(VerifyMode.XXHASH);
        ByteBuffer big = ByteBuffer.allocate(4096).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer little = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
        s.stamp(big, 4096, MIB, 9);
        s.stamp(little, 4096, MIB, 9);
        assertArrayEquals(bytes(big, 0, 4096), bytes(little, 0, 4096));
        assertEquals((byte) 0xca, big.get(0));
        assertEquals((byte) 0xac, big.get(1));
        assertEquals(MIB, little.getLong(BlockStamper.OFF_OFFSET));
        assertEquals(9, little.getLong(BlockStamper.OFF_SEQUENCE));
        assertEquals(4096, little.getInt(BlockStamper.OFF_LENGTH));
        assertEquals(ByteOrder.BIG_ENDIAN, big.order());
        assertEquals(0, big.position());
        assertEquals(4096, big.limit());
    }

    @Test
    void storedCrc32cIsTheJdkCrc32cOfTheDataAfterTheHeader() {
        ByteBuffer b = stamped(stamper(VerifyMode.CRC32C), 4096, 0, 1);
        long expected = crc32c(bytes(b, 44, 4096));
        assertEquals(expected, b.order(ByteOrder.LITTLE_ENDIAN).getInt(BlockStamper.OFF_CHECKSUM) & 0xFFFFFFFFL);
        long headerCrc = crc32c(bytes(b, 0, 36));
        assertEquals(headerCrc, b.getInt(BlockStamper.OFF_HEADER_CRC) & 0xFFFFFFFFL);
    }

    @Test
    void storedDigestsMatchTheJdkAndXxh64OfTheData() throws Exception {
        ByteBuffer md5 = stamped(stamper(VerifyMode.MD5), 4096, 0, 1);
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(bytes(md5, 56, 4096)), bytes(md5, 40, 56));
        ByteBuffer sha = stamped(stamper(VerifyMode.SHA256), 4096, 0, 1);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(bytes(sha, 72, 4096)), bytes(sha, 40, 72));
        ByteBuffer xx = stamped(stamper(VerifyMode.XXHASH), 4096, 0, 1);
        assertEquals(
                Xxh64.hash(bytes(xx, 48, 4096), 0),
                xx.order(ByteOrder.LITTLE_ENDIAN).getLong(40));
    }

    @Test
    void flippedDataByteIsACrc32cMismatchWithOneByteDiffering() {
        ByteBuffer b = stamped(stamper(VerifyMode.CRC32C), 4096, MIB, 7);
        long good = crc32c(bytes(b, 44, 4096));
        b.put(100, (byte) (b.get(100) ^ 0x01));
        long bad = crc32c(bytes(b, 44, 4096));
        VerifyFailure f = checker(VerifyMode.CRC32C).check(b, 4096, MIB, 7, TARGET);
        assertNotNull(f);
        assertEquals(VerifyFailure.Kind.CHECKSUM, f.kind());
        assertEquals(1, f.differingBytes());
        assertEquals(
                String.format(
                        Locale.ROOT,
                        "verify: crc32c mismatch in /tmp/f at offset 1048576, length 4096:"
                                + " expected crc32c 0x%08x, got 0x%08x (1 of 4096 bytes differ)",
                        good,
                        bad),
                f.message());
    }

    @Test
    void flippedDataByteIsFoundByEveryChecksumMode() {
        for (VerifyMode mode : CHECKSUMS) {
            ByteBuffer b = stamped(stamper(mode), 8192, 0, 2);
            b.put(8000, (byte) ~b.get(8000));
            VerifyFailure f = checker(mode).check(b, 8192, 0, 2, TARGET);
            assertNotNull(f, mode.text());
            assertEquals(VerifyFailure.Kind.CHECKSUM, f.kind(), mode.text());
            assertEquals(1, f.differingBytes(), mode.text());
            assertTrue(
                    f.message()
                            .startsWith("verify: " + mode.text() + " mismatch in /tmp/f at offset 0, length 8192:"
                                    + " expected " + mode.text() + " "),
                    f.message());
        }
    }

    @Test
    void zeroedBlockIsABadMagicWithEveryNonZeroByteCounted() {
        ByteBuffer b = stamped(stamper(VerifyMode.CRC32C), 4096, MIB, 7);
        int nonZero = 0;
        for (int i = 0; i < 4096; i++) {
            nonZero += b.get(i) != 0 ? 1 : 0;
        }
        ByteBuffer zero = ByteBuffer.allocateDirect(4096);
        VerifyFailure f = checker(VerifyMode.CRC32C).check(zero, 4096, MIB, 7, TARGET);
        assertEquals(VerifyFailure.Kind.BAD_MAGIC, f.kind());
        assertEquals(
                "verify: header magic mismatch in /tmp/f at offset 1048576, length 4096: expected magic 0xacca,"
                        + " got 0x0000 (" + nonZero + " of 4096 bytes differ)",
                f.message());
        assertTrue(nonZero > 4000);
    }

    @Test
    void misplacedBlockNamesTheOffsetItWasWrittenFor() {
        BlockStamper s = stamper(VerifyMode.CRC32C);
        ByteBuffer elsewhere = stamped(s, 4096, 8192, 7);
        ByteBuffer expected = stamped(s, 4096, 4096, 7);
        VerifyFailure f = checker(VerifyMode.CRC32C).check(elsewhere, 4096, 4096, 7, TARGET);
        assertEquals(VerifyFailure.Kind.OFFSET, f.kind());
        int diff = differing(elsewhere, expected, 4096);
        assertEquals(
                "verify: header offset mismatch in /tmp/f at offset 4096, length 4096: expected header offset"
                        + " 4096, got 8192 (" + diff + " of 4096 bytes differ)",
                f.message());
        assertTrue(diff > 4000);
    }

    @Test
    void staleBlockNamesTheSequenceItCarries() {
        BlockStamper s = stamper(VerifyMode.MD5);
        ByteBuffer old = stamped(s, 4096, 0, 3);
        int diff = differing(old, stamped(s, 4096, 0, 7), 4096);
        VerifyFailure f = checker(VerifyMode.MD5).check(old, 4096, 0, 7, TARGET);
        assertEquals(VerifyFailure.Kind.SEQUENCE, f.kind());
        assertEquals("header sequence 7", f.expected());
        assertEquals("3", f.actual());
        assertEquals(diff, f.differingBytes());
        assertNull(checker(VerifyMode.MD5).check(old, 4096, 0, -1, TARGET), "any sequence accepted");
    }

    @Test
    void damagedHeaderIsAHeaderCrcMismatchNotAWrongOffset() {
        ByteBuffer b = stamped(stamper(VerifyMode.SHA256), 4096, MIB, 7);
        long stored = b.order(ByteOrder.LITTLE_ENDIAN).getInt(BlockStamper.OFF_HEADER_CRC) & 0xFFFFFFFFL;
        b.put(BlockStamper.OFF_OFFSET + 2, (byte) (b.get(BlockStamper.OFF_OFFSET + 2) ^ 0x40));
        long computed = crc32c(bytes(b, 0, 36));
        VerifyFailure f = checker(VerifyMode.SHA256).check(b, 4096, MIB, -1, TARGET);
        assertEquals(VerifyFailure.Kind.HEADER_CRC, f.kind());
        assertEquals(
                String.format(
                        Locale.ROOT,
                        "verify: header crc32c mismatch in /tmp/f at offset 1048576,"
                                + " length 4096: expected header crc32c 0x%08x, got 0x%08x (1 of 4096 bytes differ)",
                        computed,
                        stored),
                f.message());
    }

    @Test
    void blockOfAnotherJobOrSeedIsNamedSo() {
        ByteBuffer other = stamped(new BlockStamper(VerifyMode.XXHASH, null, 0, 0, SEED, 5), 4096, 0, 1);
        VerifyFailure job = checker(VerifyMode.XXHASH).check(other, 4096, 0, 1, TARGET);
        assertEquals(VerifyFailure.Kind.JOB, job.kind());
        assertEquals("header job 0", job.expected());
        assertEquals("5", job.actual());
        ByteBuffer reseeded = stamped(new BlockStamper(VerifyMode.XXHASH, null, 0, 0, SEED ^ 1, 0), 4096, 0, 1);
        VerifyFailure seed = checker(VerifyMode.XXHASH).check(reseeded, 4096, 0, 1, TARGET);
        assertEquals(VerifyFailure.Kind.SEED, seed.kind());
        assertTrue(seed.differingBytes() > 4000);
    }

    @Test
    void blockOfAnotherModeIsNamedSo() {
        ByteBuffer md5 = stamped(stamper(VerifyMode.MD5), 4096, 0, 1);
        VerifyFailure f = checker(VerifyMode.CRC32C).check(md5, 4096, 0, 1, TARGET);
        assertEquals(VerifyFailure.Kind.MODE, f.kind());
        assertEquals("mode crc32c", f.expected());
        assertEquals("md5", f.actual());
    }

    @Test
    void failureInALaterIntervalGivesItsPosition() {
        BlockStamper s = new BlockStamper(VerifyMode.CRC32C, null, 4096, 0, SEED, 0);
        BlockChecker c = new BlockChecker(VerifyMode.CRC32C, null, 4096, 0, SEED, 0);
        ByteBuffer b = stamped(s, 16384, MIB, 7);
        assertEquals(MIB + 8192, b.order(ByteOrder.LITTLE_ENDIAN).getLong(8192 + BlockStamper.OFF_OFFSET));
        b.put(8192 + 3000, (byte) ~b.get(8192 + 3000));
        b.put(8192 + 3001, (byte) ~b.get(8192 + 3001));
        VerifyFailure f = c.check(b, 16384, MIB, 7, TARGET);
        assertEquals(VerifyFailure.Kind.CHECKSUM, f.kind());
        assertEquals(8192, f.position());
        assertTrue(f.message().endsWith(" at offset 1048576+8192 (2 of 16384 bytes differ)"), f.message());
    }

    @Test
    void patternMismatchNamesTheFirstBadByteAndCountsAll() {
        byte[] pattern = {(byte) 0xaa};
        BlockStamper s = new BlockStamper(VerifyMode.PATTERN, pattern, 0, 0, SEED, 0);
        BlockChecker c = new BlockChecker(VerifyMode.PATTERN, pattern, 0, 0, SEED, 0);
        ByteBuffer b = stamped(s, 4096, MIB, 0);
        for (int i = 0; i < 4096; i++) {
            assertEquals((byte) 0xaa, b.get(i));
        }
        b.put(17, (byte) 0);
        b.put(4000, (byte) 1);
        VerifyFailure f = c.check(b, 4096, MIB, 0, TARGET);
        assertEquals(
                "verify: pattern mismatch in /tmp/f at offset 1048576, length 4096: expected pattern byte 0xaa,"
                        + " got 0x00 at offset 1048576+17 (2 of 4096 bytes differ)",
                f.message());
    }

    @Test
    void multiBytePatternRepeatsFromTheBlockStart() {
        byte[] pattern = {1, 2, 3};
        ByteBuffer b = stamped(new BlockStamper(VerifyMode.PATTERN, pattern, 0, 0, SEED, 0), 512, 4096, 0);
        assertEquals(1, b.get(0));
        assertEquals(2, b.get(4));
        assertEquals(3, b.get(5));
        assertEquals(2, b.get(511));
    }

    @Test
    void verifyPatternWithAChecksumModeIsTheDataBehindTheHeader() {
        byte[] pattern = {(byte) 0x5a};
        BlockStamper s = new BlockStamper(VerifyMode.CRC32C, pattern, 0, 0, SEED, 0);
        ByteBuffer b = stamped(s, 4096, 0, 1);
        assertEquals((byte) 0xca, b.get(0));
        for (int i = 44; i < 4096; i++) {
            assertEquals((byte) 0x5a, b.get(i));
        }
        b.put(300, (byte) 0x5b);
        VerifyFailure f = new BlockChecker(VerifyMode.CRC32C, pattern, 0, 0, SEED, 0).check(b, 4096, 0, 1, TARGET);
        assertEquals(VerifyFailure.Kind.CHECKSUM, f.kind());
        assertEquals(1, f.differingBytes());
    }

    @Test
    void metaChecksTheHeaderOnlyAsFioDoes() {
        ByteBuffer b = stamped(stamper(VerifyMode.META), 4096, 0, 1);
        b.put(2000, (byte) ~b.get(2000));
        assertNull(checker(VerifyMode.META).check(b, 4096, 0, 1, TARGET));
        VerifyFailure f =
                checker(VerifyMode.META).check(stamped(stamper(VerifyMode.META), 4096, 0, 1), 4096, 512, 1, TARGET);
        assertEquals(VerifyFailure.Kind.OFFSET, f.kind());
    }

    @Test
    void nullModePassesAnything() {
        assertNull(checker(VerifyMode.NULL).check(ByteBuffer.allocate(4096), 4096, 0, 1, TARGET));
    }

    @Test
    void verifyOffsetSwapsTheHeaderIntoTheBlockAndBack() {
        BlockStamper s = new BlockStamper(VerifyMode.CRC32C, null, 0, 1024, SEED, 0);
        BlockChecker c = new BlockChecker(VerifyMode.CRC32C, null, 0, 1024, SEED, 0);
        ByteBuffer b = stamped(s, 4096, MIB, 3);
        ByteBuffer plain = stamped(stamper(VerifyMode.CRC32C), 4096, MIB, 3);
        assertEquals((byte) 0xca, b.get(1024));
        assertEquals((byte) 0xac, b.get(1025));
        assertArrayEquals(bytes(plain, 0, 44), bytes(b, 1024, 1068));
        assertArrayEquals(bytes(plain, 1024, 1068), bytes(b, 0, 44));
        byte[] before = bytes(b, 0, 4096);
        assertNull(c.check(b, 4096, MIB, 3, TARGET));
        assertArrayEquals(before, bytes(b, 0, 4096), "check leaves the buffer as it was");
        assertEquals(
                VerifyFailure.Kind.BAD_MAGIC,
                checker(VerifyMode.CRC32C).check(b, 4096, MIB, 3, TARGET).kind());
        b.put(3000, (byte) ~b.get(3000));
        byte[] damaged = bytes(b, 0, 4096);
        VerifyFailure f = c.check(b, 4096, MIB, 3, TARGET);
        assertEquals(VerifyFailure.Kind.CHECKSUM, f.kind());
        assertEquals(1, f.differingBytes());
        assertArrayEquals(damaged, bytes(b, 0, 4096), "a failed check leaves the buffer as it was too");
    }

    @Test
    void constructorRejectsArgumentsThatDoNotFit() {
        assertEquals(
                "verify=pattern needs verify_pattern",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new BlockStamper(VerifyMode.PATTERN, null, 0, 0, 1, 0))
                        .getMessage());
        assertEquals(
                "verify_interval 64 is smaller than the 72-byte verify header of verify=sha256",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new BlockStamper(VerifyMode.SHA256, null, 64, 0, 1, 0))
                        .getMessage());
        assertEquals(
                "verify_offset 16 is smaller than the 44-byte verify header of verify=crc32c",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new BlockStamper(VerifyMode.CRC32C, null, 0, 16, 1, 0))
                        .getMessage());
        assertEquals(
                "verify_offset 500 puts the 44-byte verify header beyond verify_interval 512",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new BlockStamper(VerifyMode.CRC32C, null, 512, 500, 1, 0))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockStamper(VerifyMode.NONE, null, 0, 0, 1, 0));
    }

    @Test
    void tailShorterThanTheHeaderIsDataOnlyAndTheRestStillVerifies() {
        BlockStamper s = new BlockStamper(VerifyMode.CRC32C, null, 512, 0, SEED, 0);
        BlockChecker c = new BlockChecker(VerifyMode.CRC32C, null, 512, 0, SEED, 0);
        ByteBuffer b = stamped(s, 1024 + 20, 0, 1);
        assertNull(c.check(b, 1044, 0, 1, TARGET));
        b.put(600, (byte) ~b.get(600));
        assertEquals(512, c.check(b, 1044, 0, 1, TARGET).position());
    }
}
