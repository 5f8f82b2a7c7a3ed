package dev.jfio.run;

/**
 * A request to stop issuing I/O: exitall, a failed job under exitall_on_error, or the user's
 * Ctrl-C. The run has one; each job clone has its own, whose parent is the run's, so that
 * exit_what can end some jobs and not others. Job threads poll it once per loop iteration (one or
 * two volatile reads).
 */
public final class StopSignal {
    private volatile String reason;
    /** The run's signal, for a clone's; null for the run's own. */
    private final StopSignal parent;

    public StopSignal() {
        this(null);
    }

    /** A clone's signal: requested when the run's is, or on its own. */
    StopSignal(StopSignal parent) {
        this.parent = parent;
    }

    /** Asks every job that polls this signal (for the run's: every job) to stop; the first reason wins. */
    public void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean requested() {
        return reason != null || parent != null && parent.requested();
    }

    public String reason() {
        String own = reason;
        return own != null || parent == null ? own : parent.reason();
    }

    /** The run's signal: this one when it has no parent. */
    StopSignal run() {
        return parent == null ? this : parent.run();
    }
}
