package dev.jfio.testkit;

import dev.jfio.spi.IoTarget;
import dev.jfio.spi.SetupContext;
import java.util.List;

/**
 * The runner's side of {@link dev.jfio.spi.IoEngine#setup}: the job's targets, replaceable by the
 * engine, and usable only while setup runs (a context kept for later is caught).
 *
 * <p>Thread contract: used by the harness's one thread.
 */
final class HarnessSetupContext implements SetupContext {
    private final boolean diskless;
    private List<IoTarget> targets;
    private boolean named;
    private boolean valid;

    HarnessSetupContext(List<IoTarget> initial, boolean diskless) {
        this.targets = List.copyOf(initial);
        this.diskless = diskless;
    }

    /** Checks the DISKLESS rule after setup: such an engine named its targets. */
    void checkNamed() {
        if (diskless && !named) {
            throw new AssertionError("a DISKLESS engine must name its targets in setup (setTargets)");
        }
    }

    /** The targets as the engine's setup left them. */
    List<IoTarget> current() {
        return targets;
    }

    void open() {
        valid = true;
    }

    void close() {
        valid = false;
    }

    @Override
    public List<IoTarget> targets() {
        check();
        return targets;
    }

    @Override
    public void setTargets(List<IoTarget> replacement) {
        check();
        if (!diskless) {
            throw new AssertionError("setTargets called by an engine that is not DISKLESS: a file engine sizes the"
                    + " targets it is given and never replaces them");
        }
        if (replacement == null || replacement.isEmpty()) {
            throw new AssertionError("setTargets needs at least one target");
        }
        targets = List.copyOf(replacement);
        named = true;
    }

    private void check() {
        if (!valid) {
            throw new AssertionError("the SetupContext is valid only during setup()");
        }
    }
}
