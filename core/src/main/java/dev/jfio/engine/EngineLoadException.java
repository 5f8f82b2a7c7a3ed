package dev.jfio.engine;

import java.util.ServiceConfigurationError;

/**
 * An engine could not be found or loaded: an unknown {@code ioengine}, a jar without a provider,
 * two engines claiming one name, a provider that failed to load. The message is one line meant
 * for the user, printable as it is.
 */
public final class EngineLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineLoadException(String message) {
        super(message);
    }

    public EngineLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A throwable's message on one line, naming linkage and service errors by their kind. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getName() : message;
        if (e instanceof LinkageError || e instanceof ServiceConfigurationError) {
            text = e.getClass().getSimpleName() + ": " + text;
        }
        return text.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
