package dev.jfio.engine.nbd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The in-flight table's cookie and chunk-coverage rules, without a socket. */
class InFlightTableTest {
    private static final int LEN = 64 * 1024;
    private final InFlightTable table = new InFlightTable(4, true, "srv");

    private long read(int slot) {
        return table.occupy(slot, Nbd.CMD_READ, 1 << 20, LEN, ByteBuffer.allocate(LEN));
    }

    private static void assertProtocolError(IOException e, String part) {
        assertTrue(e.getMessage().startsWith("NBD protocol error from srv: "), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void theCookieIsTheSlotWithAGenerationThatGrowsWithEachUseOfTheSlot() throws IOException {
        assertEquals(1L << 32 | 2, read(2));
        assertEquals(2, table.slotOf(1L << 32 | 2));
        table.release(2);
        assertEquals(2L << 32 | 2, read(2));
        assertEquals(1, table.inFlight());
    }

    @Test
    void aReplyForACompletedRequestIsADuplicate() throws IOException {
        long cookie = read(0);
        table.release(0);
        assertProtocolError(
                assertThrows(IOException.class, () -> table.slotOf(cookie)), "duplicate reply for cookie 0x100000000");
        read(0);
        assertProtocolError(assertThrows(IOException.class, () -> table.slotOf(cookie)), "duplicate reply");
    }

    @Test
    void aCookieNeverSentIsUnknown() {
        read(0);
        for (long cookie : new long[] {0, 3L << 32, 1L << 32 | 1, 1L << 32 | 99, -1}) {
            assertProtocolError(assertThrows(IOException.class, () -> table.slotOf(cookie)), "unknown cookie");
        }
    }

    @Test
    void releasingKeepsTheErrorReadableUntilTheSlotIsReused() {
        read(1);
        table.fail(1, Nbd.EIO, "NBD_EIO");
        table.release(1);
        assertEquals(Nbd.EIO, table.error(1));
        assertEquals("NBD_EIO", table.message(1));
        assertNull(table.buffer(1));
        read(1);
        assertEquals(0, table.error(1));
        assertNull(table.message(1));
    }

    @Test
    void chunksThatTouchAreMergedSoManyFragmentsStillCatchAnOverlap() throws IOException {
        read(0);
        int piece = LEN / 32;
        for (int i = 0; i < 31; i++) {
            table.claim(0, i * piece, piece, "chunk");
        }
        assertTrue(table.hasChunks(0));
        assertEquals(31 * piece, table.received(0));
        IOException e = assertThrows(IOException.class, () -> table.claim(0, 5 * piece + 1, 16, "chunk"));
        assertProtocolError(e, "chunk at offset " + ((1 << 20) + 5 * piece + 1) + " (16 bytes) overlaps an earlier");
    }

    @Test
    void moreBytesThanTheReadIsAnOverlapEvenBeyondTheTrackedRanges() throws IOException {
        read(0);
        // scattered, non-touching chunks: more than the table tracks one by one
        for (int i = 0; i < InFlightTable.CHUNK_RANGES + 4; i++) {
            table.claim(0, i * 2048, 1024, "chunk");
        }
        table.claim(0, LEN - 40 * 1024, 40 * 1024, "chunk");
        int left = LEN - table.received(0);
        // overlaps only untracked chunks (the ninth and later), and brings the total past the read
        assertProtocolError(
                assertThrows(IOException.class, () -> table.claim(0, 16 * 1024, left + 1, "chunk")),
                "chunk chunks overlap: " + (LEN + 1) + " bytes received for a read of " + LEN + " bytes");
    }

    @Test
    void aFreshSlotHasNoChunks() {
        read(3);
        assertFalse(table.hasChunks(3));
        assertEquals(3, table.anyInFlight());
    }

    @Test
    void theOldestSubmissionIsThatOfTheRequestsStillInFlight() throws InterruptedException {
        long before = System.nanoTime();
        assertEquals(before, table.oldestSubmission(before), "none in flight: now");
        read(0);
        Thread.sleep(2);
        read(1);
        long first = table.oldestSubmission(System.nanoTime());
        assertTrue(first - before >= 0);
        table.release(0);
        assertTrue(table.oldestSubmission(System.nanoTime()) - first > 0);
    }
}
