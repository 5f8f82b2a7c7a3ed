package dev.jfio.engine.nbd.protocol;

import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The reply side of an {@link NbdConnection}: reaps finished requests (reading replies within the
 * request timeout, and within a caller's wait or the job's time limit), reads replies while
 * requests wait to go out (the {@link RequestWriter}'s sender), and frees the requests left in
 * flight once the connection failed. Exceptions from reading are thrown as they come; the
 * connection turns them into its {@link ConnectionFailure}.
 *
 * <p>Allocates nothing. Thread contract: not thread-safe; the job thread.
 */
final class CompletionReaper {
    private final WireChannel wire;
    private final InFlightTable table;
    private final ReplyReader reader;
    private final ConnectionFailure failure;
    private final long requestTimeoutNanos;
    /** Why the connection closed when the job's time limit passed with requests in flight. */
    private final String limitMessage;
    /** The server's name for messages. */
    private final String endpoint;

    CompletionReaper(
            WireChannel wire,
            InFlightTable table,
            ReplyReader reader,
            ConnectionFailure failure,
            long requestTimeoutNanos,
            NbdEndpoint endpoint) {
        this.wire = wire;
        this.table = table;
        this.reader = reader;
        this.failure = failure;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.endpoint = endpoint.serverName();
        this.limitMessage = "NBD server " + endpoint.toUri() + " sent no reply before the job's time ran out"
                + " (runtime + drain_timeout); the connection is closed";
    }

    /**
     * The writer's sender: sends {@code srcs} whole. Non-blocking: while they wait to go out, the
     * replies that arrive are read (to the end of each, which keeps sending) and finish their slots.
     */
    void send(ByteBuffer[] srcs) throws IOException {
        if (!wire.interleaved()) {
            wire.writeFully(srcs);
            return;
        }
        if (wire.queueOutput(srcs)) {
            return;
        }
        boolean timed = requestTimeoutNanos > 0;
        if (timed) {
            wire.setDeadline(oldestDeadline(), failure.timeoutMessage());
        }
        try {
            while (wire.hasPendingOutput()) {
                if (reader.headerBuffered()) {
                    int slot = reader.readMessage();
                    if (slot >= 0) {
                        table.finish(slot);
                    }
                } else {
                    wire.exchange();
                }
            }
        } finally {
            if (timed) {
                wire.setTimeout(0, failure.timeoutMessage());
            }
        }
    }

    /** See {@link NbdConnection#nextCompletion(long)}; the requests are all sent already. */
    int next(long waitNanos) throws IOException {
        int finished = table.takeFinished();
        if (finished >= 0) {
            release(finished);
            return finished;
        }
        long until = waitNanos > 0 ? System.nanoTime() + waitNanos : 0;
        while (table.inFlight() > 0) {
            int slot;
            if (waitNanos < 0 || (waitNanos == 0 ? reader.messageBuffered() : reader.headerBuffered())) {
                slot = requestTimeoutNanos > 0 ? readMessageBefore(oldestDeadline()) : reader.readMessage();
            } else if (waitNanos == 0) {
                return -1;
            } else {
                long now = System.nanoTime();
                if (requestTimeoutNanos > 0 && now - oldestDeadline() >= 0) {
                    throw failure.expired();
                }
                long left = until - now;
                if (left <= 0) {
                    return -1;
                }
                if (requestTimeoutNanos > 0) {
                    left = Math.min(left, oldestDeadline() - now);
                }
                wire.receiveWithin(left);
                continue;
            }
            if (slot >= 0) {
                release(slot);
                return slot;
            }
        }
        return -1;
    }

    /**
     * See {@link NbdConnection#nextCompletionBy(long)}; the requests are all sent already. When a
     * read fails, the failure's limit message stays set for {@link ConnectionFailure#broken}: the
     * caller clears it once it has recorded the failure.
     */
    int nextBy(long limitNanos) throws IOException {
        while (table.inFlight() > 0) {
            int slot;
            if (reader.messageBuffered()) {
                slot = reader.readMessage();
            } else {
                long until = limitNanos;
                boolean request = false;
                if (requestTimeoutNanos > 0 && oldestDeadline() - until < 0) {
                    until = oldestDeadline();
                    request = true;
                }
                if (until - System.nanoTime() <= 0) {
                    throw request ? failure.expired() : failure.limitPassed(limitMessage);
                }
                failure.limit(request ? null : limitMessage);
                wire.setDeadline(until, request ? failure.timeoutMessage() : limitMessage);
                try {
                    slot = reader.readMessage();
                } finally {
                    wire.setTimeout(0, failure.timeoutMessage());
                }
                failure.limit(null);
            }
            if (slot >= 0) {
                release(slot);
                return slot;
            }
        }
        return -1;
    }

    /** See {@link NbdConnection#poll(boolean)}. */
    int poll(boolean receive) throws IOException {
        int finished = table.takeFinished();
        if (finished >= 0) {
            release(finished);
            return finished;
        }
        if (receive && table.inFlight() == 0) {
            // the socket is readable with nothing in flight: the server closed it (EOF), or sent
            // what nobody asked for; either ends the connection instead of waking the wait again
            int n = wire.receiveWithin(0);
            if (n > 0) {
                throw InFlightTable.protocolError(endpoint, n + " bytes arrived with no request in flight");
            }
            return -1;
        }
        boolean received = !receive;
        while (table.inFlight() > 0) {
            if (reader.headerBuffered()) {
                int slot = requestTimeoutNanos > 0 ? readMessageBefore(oldestDeadline()) : reader.readMessage();
                if (slot >= 0) {
                    release(slot);
                    return slot;
                }
            } else if (received || wire.receiveWithin(0) == 0) {
                return -1;
            } else {
                received = true;
            }
        }
        return -1;
    }

    /** See {@link NbdConnection#requestDeadline()}. */
    long requestDeadline() {
        return oldestDeadline();
    }

    /** The job's time ran out before the replies came: closes the channel, returns the exception for {@link ConnectionFailure#broken}. */
    IOException limitPassed() {
        return failure.limitPassed(limitMessage);
    }

    /** See {@link NbdConnection#abandon()}. */
    int abandon() {
        IOException cause = failure.cause();
        if (cause == null) {
            return -1;
        }
        int slot = table.takeFinished();
        if (slot >= 0) {
            release(slot); // its reply came before the failure: it keeps its own result
            return slot;
        }
        slot = table.anyInFlight();
        if (slot >= 0) {
            release(slot);
            table.fail(slot, failure.timedOut() ? Errno.ETIMEDOUT : Nbd.EIO, cause.getMessage());
        }
        return slot;
    }

    private void release(int slot) {
        table.release(slot);
        if (table.command(slot) == Nbd.CMD_READ) {
            reader.readReaped(table.length(slot));
        }
    }

    /** When the oldest request in flight times out. */
    private long oldestDeadline() {
        return table.oldestSubmission(System.nanoTime()) + requestTimeoutNanos;
    }

    private int readMessageBefore(long deadline) throws IOException {
        if (deadline - System.nanoTime() <= 0) {
            throw failure.expired();
        }
        wire.setDeadline(deadline, failure.timeoutMessage());
        try {
            return reader.readMessage();
        } finally {
            wire.setTimeout(0, failure.timeoutMessage());
        }
    }
}
