package dev.jfio.run;

/** A job could not be set up, so nothing ran; the message is one line for the user. */
public final class SetupFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SetupFailedException(String message) {
        super(message);
    }

    public SetupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
