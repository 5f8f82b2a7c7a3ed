package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the NBD client must do against every server: one subclass per server and transport.
 * One server of {@link #SIZE} bytes per class (tests use disjoint ranges), a fresh connection per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientBehaviour {
    static final long SIZE = 64L << 20;

    Path dir;
    AutoCloseable server;
    NbdEndpoint endpoint;
    NbdConnection connection;

    /** Starts the server; returns its endpoint (export included). */
    abstract NbdEndpoint startServer(Path dir) throws IOException;

    /** A fragment the unknown-export message must contain (what the server lists). */
    abstract String expectedListing();

    /** Whether TRIM makes the range read as zeros on this server. */
    boolean trimZeroes() {
        return true;
    }

    boolean structuredReplies() {
        return true;
    }

    /** The connection options besides the slots (TLS for the TLS subclasses). */
    NbdConnection.Options options() {
        return new NbdConnection.Options();
    }

    @BeforeAll
    void startServer() throws IOException {
        // a @TempDir field is not yet injected in @BeforeAll of a PER_CLASS instance
        dir = Files.createTempDirectory("jfio-nbd-test-");
        endpoint = startServer(dir);
    }

    @BeforeEach
    void connect() throws IOException {
        connection = NbdConnection.connect(endpoint, options().slots(64));
    }

    @AfterEach
    void disconnect() {
        if (connection != null) {
            connection.close();
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static ByteBuffer pattern(long offset, int length) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        for (int i = 0; i < length; i++) {
            long p = offset + i;
            b.put(i, (byte) (p * 31 ^ p >>> 8 ^ p >>> 16));
        }
        return b;
    }

    static ByteBuffer filled(int length, byte value) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        for (int i = 0; i < length; i++) {
            b.put(i, value);
        }
        return b;
    }

    static void assertSameBytes(ByteBuffer expected, ByteBuffer actual, int length) {
        byte[] e = new byte[length];
        byte[] a = new byte[length];
        expected.get(0, e);
        actual.get(0, a);
        assertArrayEquals(e, a);
    }

    @Test
    void exportSizeIsLearnedInTheHandshake() {
        assertEquals(SIZE, connection.info().size());
        assertTrue(connection.info().has(Nbd.TF_HAS_FLAGS), connection.info().describeFlags());
    }

    @Test
    void structuredRepliesAreNegotiatedWhereOffered() {
        assertEquals(structuredReplies(), connection.info().structuredReplies());
    }

    @Test
    void writtenPatternReadsBackIdentically() throws IOException {
        int len = 256 * 1024;
        long off = 3L << 20;
        connection.write(off, pattern(off, len), len, false);
        ByteBuffer back = filled(len, (byte) 0x55);
        connection.read(off, back, len);
        assertSameBytes(pattern(off, len), back, len);
    }

    @Test
    void largeReadsAndWritesUpToFourMegabytesRoundTrip() throws IOException {
        int len = 4 << 20;
        long off = 8L << 20;
        connection.write(off, pattern(off, len), len, true);
        ByteBuffer back = filled(len, (byte) 1);
        connection.read(off, back, len);
        assertSameBytes(pattern(off, len), back, len);
    }

    @Test
    void unwrittenAreasReadAsZeros() throws IOException {
        ByteBuffer back = filled(65536, (byte) 0x7f);
        connection.read(SIZE - 65536, back, 65536);
        assertSameBytes(filled(65536, (byte) 0), back, 65536);
    }

    @Test
    void flushSucceeds() throws IOException {
        connection.write(0, pattern(0, 4096), 4096, false);
        connection.flush();
    }

    @Test
    void trimSucceedsAndTrimmedRangeReadsAsZerosWhereTheServerPromises() throws IOException {
        long off = 1L << 20;
        int len = 1 << 20;
        connection.write(off, pattern(off, len), len, false);
        connection.trim(off, len);
        if (trimZeroes()) {
            ByteBuffer back = filled(len, (byte) 0x11);
            connection.read(off, back, len);
            assertSameBytes(filled(len, (byte) 0), back, len);
        }
    }

    @Test
    void writeZeroesMakesTheRangeReadAsZeros() throws IOException {
        if (!connection.info().has(Nbd.TF_SEND_WRITE_ZEROES)) {
            return; // nothing to check: the server does not offer it
        }
        long off = 2L << 20;
        int len = 128 * 1024;
        connection.write(off, pattern(off, len), len, false);
        connection.writeZeroes(off + 4096, len - 8192, 0);
        ByteBuffer back = filled(len, (byte) 0x22);
        connection.read(off, back, len);
        ByteBuffer expected = pattern(off, len);
        for (int i = 4096; i < len - 4096; i++) {
            expected.put(i, (byte) 0);
        }
        assertSameBytes(expected, back, len);
    }

    @Test
    void pipelinedRequestsEachGetTheirOwnData() throws IOException {
        int n = 48;
        int len = 8192;
        ByteBuffer[] bufs = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long off = (16L << 20) + (long) i * 3 * len;
            connection.submit(i, Nbd.CMD_WRITE, 0, off, len, pattern(off, len));
        }
        for (int i = 0; i < n; i++) {
            int slot = connection.nextCompletion(true);
            assertEquals(0, connection.error(slot), connection.errorMessage(slot));
        }
        for (int i = 0; i < n; i++) {
            bufs[i] = filled(len, (byte) 0x33);
            connection.submit(i, Nbd.CMD_READ, 0, (16L << 20) + (long) i * 3 * len, len, bufs[i]);
        }
        assertEquals(n, connection.inFlight());
        for (int i = 0; i < n; i++) {
            int slot = connection.nextCompletion(true);
            assertEquals(0, connection.error(slot), connection.errorMessage(slot));
        }
        for (int i = 0; i < n; i++) {
            assertSameBytes(pattern((16L << 20) + (long) i * 3 * len, len), bufs[i], len);
        }
        assertEquals(-1, connection.nextCompletion(false));
    }

    @Test
    void largeAndSmallRequestsInFlightTogetherEachGetTheirOwnData() throws IOException {
        // 4 KiB (batched), 20 KiB and 256 KiB (gathered, after the batch) writes; then 256 KiB reads,
        // whose payloads are read straight into their buffers, among 4 KiB ones and a read of a hole
        int[] sizes = {4096, 256 * 1024, 4096, 20 * 1024, 256 * 1024, 4096, 4096, 256 * 1024};
        long base = 24L << 20;
        long[] offs = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            offs[i] = base + (long) i * (512 * 1024);
            connection.submit(i, Nbd.CMD_WRITE, 0, offs[i], sizes[i], pattern(offs[i], sizes[i]));
        }
        for (int i = 0; i < sizes.length; i++) {
            int slot = connection.nextCompletion(true);
            assertEquals(0, connection.error(slot), connection.errorMessage(slot));
        }
        ByteBuffer[] bufs = new ByteBuffer[sizes.length + 1];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < sizes.length; i++) {
                bufs[i] = filled(sizes[i], (byte) 0x44);
                connection.submit(i, Nbd.CMD_READ, 0, offs[i], sizes[i], bufs[i]);
            }
            int hole = sizes.length;
            long holeOff = base + (long) hole * (512 * 1024);
            bufs[hole] = filled(256 * 1024, (byte) 0x66);
            connection.submit(hole, Nbd.CMD_READ, 0, holeOff, 256 * 1024, bufs[hole]);
            for (int i = 0; i <= sizes.length; i++) {
                int slot = connection.nextCompletion(true);
                assertEquals(0, connection.error(slot), connection.errorMessage(slot));
            }
            for (int i = 0; i < sizes.length; i++) {
                assertSameBytes(pattern(offs[i], sizes[i]), bufs[i], sizes[i]);
            }
            assertSameBytes(filled(256 * 1024, (byte) 0), bufs[hole], 256 * 1024);
        }
        assertEquals(-1, connection.nextCompletion(false));
    }

    /** Requests in flight far beyond what the socket buffers hold: a client that stops reading deadlocks. */
    static final int DEEP = 4096;

    static final long DEEP_BASE = 32L << 20;
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void fourThousandSmallWritesSubmittedWithoutReapingNeverDeadlock() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            // the whole queue is submitted before any reply is asked for: the server stops reading
            // once its replies fill the socket, so submitting must read them meanwhile
            try (NbdConnection c = NbdConnection.connect(endpoint, options().slots(DEEP))) {
                int len = 4096;
                for (int i = 0; i < DEEP; i++) {
                    long off = DEEP_BASE + (long) i * len;
                    c.submit(i, Nbd.CMD_WRITE, 0, off, len, pattern(off, len));
                }
                reapAll(c, DEEP);
                ByteBuffer[] bufs = new ByteBuffer[DEEP];
                for (int i = 0; i < DEEP; i++) {
                    bufs[i] = filled(len, (byte) 0x55);
                    c.submit(i, Nbd.CMD_READ, 0, DEEP_BASE + (long) i * len, len, bufs[i]);
                }
                reapAll(c, DEEP);
                for (int i = 0; i < DEEP; i++) {
                    assertSameBytes(pattern(DEEP_BASE + (long) i * len, len), bufs[i], len);
                }
            }
        });
    }

    @Test
    void largeReadsAndWritesInFlightTogetherNeverDeadlock() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            // 128 MiB in flight, half of it write payloads waiting to go out while the replies to the
            // reads among them (1 MiB each) arrive: each write is still partly unsent when the server
            // answers the requests before it
            int len = 1 << 20;
            int regions = 8; // 48..56 MiB: the end of the export stays unwritten
            long base = 48L << 20;
            int n = 128;
            ByteBuffer[] patterns = new ByteBuffer[regions];
            for (int r = 0; r < regions; r++) {
                patterns[r] = pattern(base + (long) r * len, len);
                connection.write(base + (long) r * len, patterns[r], len, false);
            }
            try (NbdConnection c = NbdConnection.connect(endpoint, options().slots(n))) {
                ByteBuffer[] bufs = new ByteBuffer[n];
                for (int i = 0; i < n; i++) {
                    int r = i % regions;
                    long off = base + (long) r * len;
                    if (i % 2 == 0) {
                        // the same bytes the region already holds: reads see them whatever the order
                        c.submit(i, Nbd.CMD_WRITE, 0, off, len, patterns[r].duplicate());
                    } else {
                        bufs[i] = filled(len, (byte) 0x77);
                        c.submit(i, Nbd.CMD_READ, 0, off, len, bufs[i]);
                    }
                }
                reapAll(c, n);
                for (int i = 1; i < n; i += 2) {
                    assertSameBytes(patterns[i % regions], bufs[i], len);
                }
            }
        });
    }

    private static void reapAll(NbdConnection c, int n) throws IOException {
        c.sendQueued();
        for (int i = 0; i < n; i++) {
            int slot = c.nextCompletion(true);
            assertTrue(slot >= 0, "request " + i + " of " + n + " never completed");
            assertEquals(0, c.error(slot), c.errorMessage(slot));
        }
        assertEquals(0, c.inFlight());
        assertEquals(-1, c.nextCompletion(false));
    }

    @Test
    void readBeyondTheEndFailsThatRequestWithAServerError() {
        IOException e = assertThrows(
                IOException.class, () -> connection.read(SIZE - 4096, ByteBuffer.allocateDirect(8192), 8192));
        assertTrue(e.getMessage().startsWith("NBD_E"), e.getMessage());
    }

    @Test
    void unknownExportNameGivesAClearErrorListingTheExports() {
        IOException e = assertThrows(
                IOException.class,
                () -> NbdConnection.connect(endpoint.withExport("no-such-export"), options())
                        .close());
        assertTrue(e.getMessage().contains("has no export 'no-such-export'"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedListing()), e.getMessage());
    }
}
