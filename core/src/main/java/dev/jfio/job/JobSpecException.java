package dev.jfio.job;

/**
 * A mistake in a job file or in the job options of the command line. The message is one line,
 * prefixed with the location when there is one, ready to print as it is.
 */
public final class JobSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;

    /** {@code location} may be null when the mistake belongs to no single line. */
    public JobSpecException(SourceLocation location, String message) {
        super(location == null ? message : location + ": " + message);
        this.location = location;
    }

    /** Where the mistake is, or null. */
    public SourceLocation location() {
        return location;
    }
}
