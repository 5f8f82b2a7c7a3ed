package dev.jfio.run;

/**
 * A run-wide request to stop issuing I/O: exitall, a failed job under exitall_on_error, or the
 * user's Ctrl-C. Job threads poll it once per loop iteration (one volatile read).
 */
public final class StopSignal {
    private volatile String reason;

    /** Asks every job to stop; the first reason wins. */
    public void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean requested() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }
}
