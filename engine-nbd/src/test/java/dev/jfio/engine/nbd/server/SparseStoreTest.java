package dev.jfio.engine.nbd.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparseStoreTest {
    private static final int G = 4096;

    @TempDir
    Path dir;

    private static ByteBuffer bytes(int length, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        for (int i = 0; i < length; i++) {
            b.put(i, (byte) (i * 7 + seed));
        }
        return b;
    }

    private static byte[] read(SparseStore s, long off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(len);
        for (int i = 0; i < len; i++) {
            b.put(i, (byte) 0x5a);
        }
        s.read(off, b, len);
        assertEquals(len, b.position());
        byte[] a = new byte[len];
        b.get(0, a);
        return a;
    }

    @Test
    void theBackingFileIsUnlinkedAsSoonAsItIsOpenSoNothingIsLeftBehind() throws IOException {
        try (SparseStore s = SparseStore.create(1L << 30, dir)) {
            s.write(0, bytes(G, 1));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(0, files.count());
            }
            assertEquals(dir, s.directory());
        }
    }

    @Test
    void neverWrittenRangesReadAsZerosAndAreOneHoleRun() throws IOException {
        try (SparseStore s = SparseStore.create(16L << 20, dir)) {
            assertArrayEquals(new byte[65536], read(s, 1 << 20, 65536));
            assertFalse(s.isWritten(1 << 20));
            assertEquals(16L << 20, s.runEnd(0, 16L << 20));
            assertEquals(0, s.writtenBytes());
        }
    }

    @Test
    void writtenBytesReadBackAndSplitRunsAtGranuleBoundaries() throws IOException {
        try (SparseStore s = SparseStore.create(16L << 20, dir)) {
            assertEquals(G, s.granule());
            long off = 5L * G + 100; // granules 5 and 6
            s.write(off, bytes(G, 3));
            byte[] expected = new byte[G];
            bytes(G, 3).get(0, expected);
            assertArrayEquals(expected, read(s, off, G));
            assertArrayEquals(new byte[100], read(s, 5L * G, 100));
            assertEquals(5L * G, s.runEnd(0, 1 << 20));
            assertTrue(s.isWritten(5L * G));
            assertEquals(7L * G, s.runEnd(5L * G, 1 << 20));
            assertEquals(6L * G + 10, s.runEnd(5L * G, 6L * G + 10));
            assertEquals(1 << 20, s.runEnd(7L * G, 1 << 20));
            assertEquals(2L * G, s.writtenBytes());
        }
    }

    @Test
    void runsLongerThanOneBitmapWordAreFoundWhole() throws IOException {
        try (SparseStore s = SparseStore.create(64L << 20, dir)) {
            long start = 3L * G;
            int len = 200 * G; // granules 3..202: across four words of the bitmap
            s.write(start, bytes(len, 5));
            assertEquals(start, s.runEnd(0, 64L << 20));
            assertEquals(start + len, s.runEnd(start, 64L << 20));
            assertEquals(64L << 20, s.runEnd(start + len, 64L << 20));
            assertEquals(len, s.writtenBytes());
        }
    }

    @Test
    void zeroingMakesWholeGranulesHolesAgainAndZerosPartialOnesInPlace() throws IOException {
        try (SparseStore s = SparseStore.create(16L << 20, dir)) {
            s.write(0, bytes(4 * G, 9));
            s.zero(G / 2, 2 * G); // half of granule 0, all of 1, half of 2
            assertTrue(s.isWritten(0));
            assertFalse(s.isWritten(G));
            assertTrue(s.isWritten(2L * G));
            byte[] back = read(s, 0, 4 * G);
            byte[] expected = new byte[4 * G];
            bytes(4 * G, 9).get(0, expected);
            for (int i = G / 2; i < G / 2 + 2 * G; i++) {
                expected[i] = 0;
            }
            assertArrayEquals(expected, back);
            // a granule that was trimmed and is then partly written reads zeros around the new bytes
            s.write(G + 10, bytes(10, 1));
            byte[] granule = read(s, G, G);
            byte[] want = new byte[G];
            bytes(10, 1).get(0, want, 10, 10);
            assertArrayEquals(want, granule);
        }
    }

    @Test
    void largeExportsGetLargerGranulesSoTheBitmapStaysSmall() throws IOException {
        try (SparseStore s = SparseStore.create(1L << 40, dir)) {
            assertEquals(1 << 15, s.granule());
            s.write((1L << 40) - G, bytes(G, 2));
            assertTrue(s.isWritten((1L << 40) - 1));
            assertEquals((1L << 40) - (1 << 15), s.runEnd(0, 1L << 40));
        }
    }

    @Test
    void theStoreGoesToDevShmWhenItHasRoomElseToTheTemporaryDirectory() {
        assumeTrue(Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm")));
        assertEquals(Path.of("/dev/shm"), SparseStore.defaultDirectory(1 << 20));
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), SparseStore.defaultDirectory(Long.MAX_VALUE));
    }
}
