package dev.jfio.run;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.stats.JobStats;
import java.io.IOException;

/**
 * Which file the next I/O goes to (fio's file_service_type) and which files are open: all of
 * them, or with openfiles below the number of files a few at a time, closing a file once its
 * pass is done and opening the next waiting one, as fio does. A {@link EngineFlag#TIMED_OPEN}
 * engine's files are opened as fio opens every file, lazily, right before the first I/O of each
 * pass on them ({@link #ensureOpen}), and closed when done even when all fit: each open is the
 * measured operation, recorded here, so a pass cut short by runtime counts only the files it
 * reached. Job thread only.
 */
final class OpenFiles {
    private final JobClone clone;
    private final IoEngine engine;
    private final IoTarget[] targets;
    private final TargetSelector selector;
    /** The targets open now (shared with the job clone, which closes them at the end). */
    private final OpenTargets opened;
    /** Whether files are closed when done and opened as needed: under openfiles, or for a timed open. */
    private final boolean rotates;
    /** The direction whose clat records each open, or null when opens are not timed. */
    private final IoOp timedOpen;

    private final JobStats stats;
    private final boolean fsyncOnClose;
    private final boolean writes;
    private final LoopControl loop;
    private final boolean unlinkEachLoop;

    OpenFiles(JobClone clone, IoTarget[] targets, OpenTargets opened, long seed, LoopControl loop) {
        FileSet files = FileSet.of(clone.spec, clone.cloneIndex);
        this.clone = clone;
        this.engine = clone.engine;
        this.targets = targets;
        this.selector = files.selector(targets.length, seed);
        this.opened = opened;
        this.timedOpen = clone.timedOpenDirection();
        this.rotates = selector.capped() || timedOpen != null;
        this.stats = clone.stats;
        this.fsyncOnClose = files.fsyncOnClose();
        this.writes = clone.spec.rw().writes();
        this.loop = loop;
        this.unlinkEachLoop = FileChores.unlinksEachLoop(clone);
    }

    /** Opens the files the job starts with: all of them, or the first openfiles; none for a timed open or a replay. */
    void openFirst() throws IOException {
        for (int t = 0; t < targets.length && timedOpen == null && clone.replay == null; t++) {
            if (selector.isActive(t)) {
                open(t);
            }
        }
    }

    /** The next I/O goes to file {@code t}: a timed open's file is opened now if it is not yet. */
    void ensureOpen(int t) throws IOException {
        if (timedOpen != null && !opened.isOpen(t)) {
            open(t);
        }
    }

    /** A replayed log opens file {@code t}, or does I/O to it: it is opened unless it is open. */
    void ensureOpenForReplay(int t) throws IOException {
        if (!opened.isOpen(t)) {
            open(t);
        }
    }

    /** A replayed log closes file {@code t}: once what is in flight has completed, unless it is closed. */
    void closeForReplay(int t) throws IOException {
        if (opened.isOpen(t)) {
            loop.drain();
            if (flushesOnClose()) {
                loop.flushBeforeClose(targets[t]);
            }
            close(t);
        }
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
        return opened.isOpen(target);
    }

    /**
     * File {@code finished} has no blocks left in this pass.
     *
     * @return the file to use next, or -1 when every file is done
     */
    int nextAfter(int finished) throws IOException {
        int next = selector.exhausted(finished);
        return rotates ? rotate(finished, next) : next;
    }

    /** A new loop starts: with unlink_each_loop the files are deleted first, as fio does before each loop after the first. */
    void newLoop() throws IOException {
        if (unlinkEachLoop) {
            loop.drain();
            FileChores.unlinkEachLoop(clone, targets, opened);
        }
    }

    /** A new pass (or a wrap of io_size) starts with the first files, open again. */
    void restart() throws IOException {
        selector.reset();
        if (!rotates) {
            return;
        }
        loop.drain();
        for (int t = 0; t < targets.length; t++) {
            // a timed open measures one operation per pass: a file still open is opened anew, lazily
            if (opened.isOpen(t) && (!selector.isActive(t) || timedOpen != null)) {
                close(t);
            }
            if (!opened.isOpen(t) && selector.isActive(t) && timedOpen == null) {
                open(t);
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
        if (opened.isOpen(finished)) {
            if (flushesOnClose()) {
                loop.flushBeforeClose(targets[finished]);
            }
            close(finished);
        }
        int waiting = selector.nextWaiting();
        if (waiting < 0) {
            return next;
        }
        if (timedOpen == null) {
            open(waiting);
        }
        selector.activate(waiting);
        return next >= 0 ? next : waiting;
    }

    private void open(int t) throws IOException {
        clone.open(targets[t]);
        opened.opened(t);
        if (timedOpen != null) {
            long nanos = engine.openNanos();
            if (nanos >= 0) {
                stats.recordOperation(timedOpen, nanos);
            }
        }
    }

    private void close(int t) throws IOException {
        opened.closed(t);
        engine.close(targets[t]);
        if (clone.iolog != null) {
            clone.iolog.closed(targets[t], System.nanoTime());
        }
    }
}
