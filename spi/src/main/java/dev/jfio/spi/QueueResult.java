package dev.jfio.spi;

/** What {@link IoEngine#queue(IoUnit)} did with a unit. */
public enum QueueResult {
    /** The I/O finished inside {@code queue}; its result or error is already set on the unit. */
    COMPLETED,
    /** The I/O is in flight; it will be handed to the sink of a later {@link IoEngine#getEvents} call. */
    QUEUED,
    /**
     * The engine cannot take the unit now (for example its submission ring is full). Nothing was
     * done with the unit; the runner reaps at least one completion and calls {@code queue} again.
     */
    BUSY
}
