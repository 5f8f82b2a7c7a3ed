package dev.jfio.engine;

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
}
