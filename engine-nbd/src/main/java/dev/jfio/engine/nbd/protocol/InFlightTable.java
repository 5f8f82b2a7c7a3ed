package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The requests in flight on one connection, each in a numbered slot until its reply is reaped.
 *
 * <p>Cookies: the cookie sent on the wire is the slot number with a per-slot generation in the
 * high 32 bits, so a reply for a request that has already completed (a duplicate) or was never
 * sent (a foreign cookie) is told apart and refused.
 *
 * <p>Chunk coverage: the structured chunks of a read must fill disjoint ranges of it; a few
 * ranges per slot are tracked (merged when they touch) so an overlap is caught, and the bytes
 * received are counted so a short read is caught when its last chunk arrives.
 *
 * <p>Finished slots: replies read while requests wait to go out (so that the server, which may
 * be blocked sending them, reads on) finish their slots here; the reaper takes them in that order.
 *
 * <p>Allocates nothing after construction. Thread contract: not thread-safe; the job thread.
 */
final class InFlightTable {
    /** A slot is FREE, IN_FLIGHT (reply awaited), or FINISHED (reply read while sending, not reaped yet). */
    private static final int FREE = 0, IN_FLIGHT = 1, FINISHED = 2;
    /** Separate byte ranges tracked per read; more fragments than this only get the total checked. */
    static final int CHUNK_RANGES = 8;

    private final String server;
    private final int[] state;
    private final int[] generation;
    private final int[] command;
    private final int[] commandFlags;
    private final long[] offset;
    private final int[] length;
    private final ByteBuffer[] buffer;
    private final int[] received;
    private final int[] error;
    private final String[] message;
    /** Submission times, only kept when there is a request timeout. */
    private final long[] submitted;
    /** Per slot, the disjoint byte ranges of a read that chunks have filled (to catch overlaps). */
    private final int[] chunkStart;

    private final int[] chunkEnd;
    private final int[] chunks;
    /** Finished slots in the order they finished: a ring of {@code finishedCount} from {@code finishedHead}. */
    private final int[] finished;
    /** Per slot, what NBD_CMD_BLOCK_STATUS replies reported: see {@link BlockStatusCounts}. */
    final BlockStatusCounts blockStatus;

    private int finishedHead;
    private int finishedCount;
    private int inFlight;

    /**
     * @param slots the most requests in flight
     * @param timed whether to remember submission times (for {@link #oldestSubmission})
     * @param server the server's name for protocol error messages
     */
    InFlightTable(int slots, boolean timed, String server) {
        this.server = server;
        this.state = new int[slots];
        this.generation = new int[slots];
        this.command = new int[slots];
        this.commandFlags = new int[slots];
        this.blockStatus = new BlockStatusCounts(slots);
        this.offset = new long[slots];
        this.length = new int[slots];
        this.buffer = new ByteBuffer[slots];
        this.received = new int[slots];
        this.error = new int[slots];
        this.message = new String[slots];
        this.submitted = new long[timed ? slots : 0];
        this.chunkStart = new int[slots * CHUNK_RANGES];
        this.chunkEnd = new int[slots * CHUNK_RANGES];
        this.chunks = new int[slots];
        this.finished = new int[slots];
    }

    int slots() {
        return state.length;
    }

    int inFlight() {
        return inFlight;
    }

    /** Whether {@code slot} is taken: its reply is awaited, or it finished and is not reaped yet. */
    boolean isInFlight(int slot) {
        return state[slot] != FREE;
    }

    /** The reply to {@code slot} has been read before anyone asked for it: {@link #takeFinished} returns it. */
    void finish(int slot) {
        state[slot] = FINISHED;
        finished[(finishedHead + finishedCount++) % finished.length] = slot;
    }

    /** The slot that finished first of those {@link #finish}ed and not taken, or -1. */
    int takeFinished() {
        if (finishedCount == 0) {
            return -1;
        }
        int slot = finished[finishedHead];
        finishedHead = (finishedHead + 1) % finished.length;
        finishedCount--;
        return slot;
    }

    /** Puts a request without command flags in the free {@code slot}; see {@link #occupy(int, int, int, long, int, ByteBuffer)}. */
    long occupy(int slot, int cmd, long off, int len, ByteBuffer buf) {
        return occupy(slot, cmd, 0, off, len, buf);
    }

    /** Puts a request in the free {@code slot} and returns the cookie to send for it. */
    long occupy(int slot, int cmd, int cmdFlags, long off, int len, ByteBuffer buf) {
        int gen = generation[slot] + 1;
        generation[slot] = gen;
        command[slot] = cmd;
        commandFlags[slot] = cmdFlags;
        blockStatus.clear(slot);
        offset[slot] = off;
        length[slot] = len;
        buffer[slot] = buf;
        received[slot] = 0;
        chunks[slot] = 0;
        error[slot] = 0;
        message[slot] = null;
        state[slot] = IN_FLIGHT;
        inFlight++;
        if (submitted.length != 0) {
            submitted[slot] = System.nanoTime();
        }
        return cookieOf(slot);
    }

    /** Frees {@code slot}; its error and message stay readable until it is occupied again. */
    void release(int slot) {
        state[slot] = FREE;
        buffer[slot] = null;
        inFlight--;
    }

    /** The first slot whose reply is awaited, or -1. */
    int anyInFlight() {
        for (int slot = 0; slot < state.length; slot++) {
            if (state[slot] == IN_FLIGHT) {
                return slot;
            }
        }
        return -1;
    }

    /** The slot a reply's cookie names. */
    int slotOf(long cookie) throws IOException {
        int slot = (int) cookie;
        int gen = (int) (cookie >>> 32);
        if (slot >= 0
                && slot < state.length
                && gen > 0
                && (generation[slot] == gen && state[slot] != IN_FLIGHT || gen - generation[slot] < 0)) {
            throw protocolError(
                    server,
                    "duplicate reply for cookie 0x" + Long.toHexString(cookie)
                            + " (that request has already completed)");
        }
        if (slot < 0 || slot >= state.length || state[slot] != IN_FLIGHT || generation[slot] != gen) {
            throw protocolError(server, "reply for unknown cookie 0x" + Long.toHexString(cookie));
        }
        return slot;
    }

    /** The cookie of the request last put in {@code slot}. */
    long cookieOf(int slot) {
        return ((long) generation[slot] << 32) | slot;
    }

    /**
     * Records that a chunk fills {@code [rel, rel + n)} of the read in {@code slot}; a chunk that
     * overlaps one already received is a protocol error (the spec forbids it, and the data would be
     * ambiguous).
     */
    void claim(int slot, int rel, int n, String what) throws IOException {
        if ((long) received[slot] + n > length[slot]) {
            throw protocolError(
                    server,
                    what + " chunks overlap: " + ((long) received[slot] + n) + " bytes received for a read of "
                            + length[slot] + " bytes");
        }
        received[slot] += n;
        int base = slot * CHUNK_RANGES;
        int k = chunks[slot];
        int end = rel + n;
        for (int i = 0; i < Math.min(k, CHUNK_RANGES); i++) {
            if (rel < chunkEnd[base + i] && chunkStart[base + i] < end) {
                throw protocolError(
                        server,
                        what + " at offset " + (offset[slot] + rel) + " (" + n
                                + " bytes) overlaps an earlier chunk of the same read");
            }
        }
        for (int i = 0; i < Math.min(k, CHUNK_RANGES); i++) {
            if (chunkEnd[base + i] == rel) {
                chunkEnd[base + i] = end;
                return;
            }
            if (chunkStart[base + i] == end) {
                chunkStart[base + i] = rel;
                return;
            }
        }
        if (k < CHUNK_RANGES) {
            chunkStart[base + k] = rel;
            chunkEnd[base + k] = end;
        }
        chunks[slot] = k + 1;
    }

    /** Whether any reply chunk or data has arrived for {@code slot}. */
    boolean hasChunks(int slot) {
        return chunks[slot] != 0 || received[slot] != 0;
    }

    /** Records the request's failure ({@code errno}, message). */
    void fail(int slot, int errno, String text) {
        error[slot] = errno;
        message[slot] = text;
    }

    /** When the oldest request in flight was submitted ({@code now} when none is). */
    long oldestSubmission(long now) {
        long oldest = now;
        boolean any = false;
        for (int slot = 0; slot < state.length; slot++) {
            if (state[slot] == IN_FLIGHT) {
                long t = submitted[slot];
                if (!any || t - oldest < 0) {
                    oldest = t;
                    any = true;
                }
            }
        }
        return oldest;
    }

    int command(int slot) {
        return command[slot];
    }

    /** The command flags ({@code Nbd.CMD_FLAG_*}) of the request in {@code slot}. */
    int commandFlags(int slot) {
        return commandFlags[slot];
    }

    long offset(int slot) {
        return offset[slot];
    }

    int length(int slot) {
        return length[slot];
    }

    ByteBuffer buffer(int slot) {
        return buffer[slot];
    }

    int received(int slot) {
        return received[slot];
    }

    /** 0 when the request succeeded, else its errno. */
    int error(int slot) {
        return error[slot];
    }

    /** Why the request failed, or null. */
    String message(int slot) {
        return message[slot];
    }

    /** A protocol violation by {@code server}: the stream can no longer be trusted. */
    static IOException protocolError(String server, String what) {
        return new IOException("NBD protocol error from " + server + ": " + what);
    }
}
