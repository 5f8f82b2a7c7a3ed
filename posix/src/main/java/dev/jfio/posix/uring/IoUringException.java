package dev.jfio.posix.uring;

import dev.jfio.spi.Errno;
import java.io.IOException;

/** An io_uring system call the kernel refused: which call, and its errno. Immutable. */
public final class IoUringException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /** @param errno the positive errno the call failed with */
    public IoUringException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno) + " (" + Errno.name(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The system call (and operation) that failed, such as {@code io_uring_setup}. */
    public String call() {
        return call;
    }

    /** The positive errno of the failure. */
    public int errno() {
        return errno;
    }
}
