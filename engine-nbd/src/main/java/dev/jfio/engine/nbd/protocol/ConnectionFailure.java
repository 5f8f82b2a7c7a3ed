package dev.jfio.engine.nbd.protocol;

import java.io.EOFException;
import java.io.IOException;

/**
 * Why a connection failed, once it has: after a failed read or write the stream is out of step, so
 * the channel is closed and every later call fails at once with the same message. A peer that went
 * away becomes "connection to URI lost: ..." with the requests in flight; a request timeout becomes
 * the request_timeout message.
 *
 * <p>Thread contract: not thread-safe; the job thread.
 */
final class ConnectionFailure {
    private final NbdEndpoint endpoint;
    private final WireChannel wire;
    private final String timeoutMessage;
    /** While a read waits until the job's time limit: the message should the limit pass, else null. */
    private String limitMessage;

    private IOException failure;
    private boolean timedOut;

    ConnectionFailure(NbdEndpoint endpoint, WireChannel wire, long requestTimeoutNanos) {
        this.endpoint = endpoint;
        this.wire = wire;
        this.timeoutMessage = "NBD server " + endpoint.toUri() + " sent no reply within "
                + Connector.seconds(requestTimeoutNanos) + " (request_timeout); the connection is closed";
    }

    /** Throws the failure again (a new exception each time, so each caller's stack shows). */
    void throwIfFailed() throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
    }

    /** Records {@code e} as the failure unless one is recorded already, closes the channel, returns the failure. */
    IOException broken(IOException e, int inFlight) {
        if (failure == null) {
            if (wire.timedOut()) {
                timedOut = true;
                failure = new IOException(limitMessage != null ? limitMessage : timeoutMessage, e);
            } else if (isPeerGone(e)) {
                failure = new IOException(
                        "connection to " + endpoint.toUri() + " lost: server closed the connection" + " with "
                                + inFlight + (inFlight == 1 ? " request" : " requests") + " in flight",
                        e);
            } else {
                failure = e;
            }
        }
        wire.close();
        return failure;
    }

    private boolean isPeerGone(IOException e) {
        if (e instanceof EOFException) {
            return true;
        }
        String m = e.getMessage();
        return m != null
                && (m.contains("Connection reset")
                        || m.contains("Broken pipe")
                        || m.startsWith("connection to " + endpoint.serverName() + " was closed"));
    }

    /** The oldest request's time is up: closes the channel and returns the exception to pass to {@link #broken}. */
    IOException expired() {
        wire.close();
        timedOut = true;
        return new IOException(timeoutMessage);
    }

    /** A read waits until the job's time limit from now on ({@code message}), or no longer (null). */
    void limit(String message) {
        limitMessage = message;
    }

    /** The job's time limit passed before the read began: closes the channel, returns the exception for {@link #broken}. */
    IOException limitPassed(String message) {
        wire.close();
        timedOut = true;
        return new IOException(message);
    }

    /** The message of a request timeout. */
    String timeoutMessage() {
        return timeoutMessage;
    }

    /** Whether the connection failed because a request got no reply within the request timeout. */
    boolean timedOut() {
        return timedOut;
    }

    /** The failure, or null while the connection works. */
    IOException cause() {
        return failure;
    }
}
