package dev.jfio.run;

import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import java.io.IOException;
import java.util.List;

/**
 * Which file the next I/O goes to (fio's file_service_type) and which files are open: all of
 * them, or with openfiles below the number of files a few at a time, closing a file once its
 * pass is done and opening the next waiting one, as fio does. Job thread only.
 */
final class OpenFiles {
    private final JobClone clone;
    private final IoEngine engine;
    private final IoTarget[] targets;
    private final TargetSelector selector;
    /** The targets open now (shared with the job clone, which closes them at the end); changes only under openfiles. */
    private final List<IoTarget> opened;

    private final boolean fsyncOnClose;
    private final boolean writes;
    private final LoopControl loop;

    OpenFiles(JobClone clone, IoTarget[] targets, List<IoTarget> opened, long seed, LoopControl loop) {
        FileSet files = FileSet.of(clone.spec, clone.cloneIndex);
        this.clone = clone;
        this.engine = clone.engine;
        this.targets = targets;
        this.selector = files.selector(targets.length, seed);
        this.opened = opened;
        this.fsyncOnClose = files.fsyncOnClose();
        this.writes = clone.spec.rw().writes();
        this.loop = loop;
    }

    /** Whether every file is flushed before it is closed (fsync_on_close, in a job that writes). */
    boolean flushesOnClose() {
        return fsyncOnClose && writes;
    }

    /** The index of the file the next I/O goes to. */
    int next() {
        return selector.next();
    }

    /** Whether the file is open now. */
    boolean isOpen(int target) {
        return !selector.capped() || opened.contains(targets[target]);
    }

    /**
     * File {@code finished} has no blocks left in this pass.
     *
     * @return the file to use next, or -1 when every file is done
     */
    int nextAfter(int finished) throws IOException {
        int next = selector.exhausted(finished);
        return selector.capped() ? rotate(finished, next) : next;
    }

    /** A new pass (or a wrap of io_size) starts with the first files, open again. */
    void restart() throws IOException {
        selector.reset();
        if (!selector.capped()) {
            return;
        }
        loop.drain();
        for (int t = 0; t < targets.length; t++) {
            boolean isOpen = opened.contains(targets[t]);
            if (isOpen && !selector.isActive(t)) {
                opened.remove(targets[t]);
                engine.close(targets[t]);
            } else if (!isOpen && selector.isActive(t)) {
                clone.open(targets[t]);
                opened.add(targets[t]);
            }
        }
    }

    /**
     * Closes the file that is done and opens the next waiting one.
     *
     * @return {@code next}, or the newly opened file when no other is open; -1 when none is left
     */
    private int rotate(int finished, int next) throws IOException {
        loop.drain();
        IoTarget done = targets[finished];
        if (opened.remove(done)) {
            if (flushesOnClose()) {
                loop.flushBeforeClose(done);
            }
            engine.close(done);
        }
        int waiting = selector.nextWaiting();
        if (waiting < 0) {
            return next;
        }
        clone.open(targets[waiting]);
        opened.add(targets[waiting]);
        selector.activate(waiting);
        return next >= 0 ? next : waiting;
    }
}
