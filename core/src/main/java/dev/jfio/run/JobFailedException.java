package dev.jfio.run;

/** A job cannot go on; the message is one line for the user. */
final class JobFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    JobFailedException(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
