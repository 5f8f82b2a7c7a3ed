package dev.jfio.run;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import java.io.IOException;

/**
 * The I/O of a replayed iolog ({@code read_iolog}) in place of the workload generator: exactly the
 * log's reads, writes and trims, with its offsets and lengths, to its files (fio's read_iolog_get).
 * Its file actions open and close the files; its syncs flush one file once what is in flight has
 * completed. A version 3 log's timestamps pace the replay as fio's iolog_delay does: each entry is
 * due its logged gap after the previous one went (or was due, when the replay was on time, so that
 * oversleeping does not add up), scaled by replay_time_scale; a version 2 {@code wait} holds the
 * replay until that many milliseconds after it started (fio's code; its HOWTO says microseconds).
 * An entry waits through the I/O loop, which reaps completions meanwhile. The log is replayed once:
 * loops and time_based do not repeat it, runtime cuts it short. Rate limits apply on top.
 *
 * <p>Thread contract: the job thread only; nothing is allocated per I/O, chunked or not.
 */
final class IologReplay extends IoSource {
    private static final long NO_TIME = UnitPool.NO_TIME;
    private static final IoOp[] OPS = IoOp.values();

    private final JobClone clone;
    private final ReplayLog log;
    private final OpenFiles files;
    private final Pacer pacer;
    private final LoopControl loop;
    private final boolean stalls;
    private final ReplayLog.Entry entry = new ReplayLog.Entry();
    /** The chunked replay's reader, opened at the first plan; null otherwise. */
    private IologReader reader;

    private int cursor;
    /** An entry was read and not yet replayed (a file action or sync waiting for its time). */
    private boolean held;

    private long entryDue = NO_TIME;
    private boolean ended;

    /** Whether the planned I/O was planned ahead of its time (the loop waited for it). */
    private boolean ahead;
    /** What the next entry's gap counts from: when the previous went, or was due when on time. */
    private long base = NO_TIME;

    private long start = NO_TIME;

    IologReplay(JobClone clone, IoTarget[] targets, OpenFiles files, Pacer pacer, LoopControl loop) {
        super(targets);
        this.clone = clone;
        this.log = clone.replay;
        this.files = files;
        this.pacer = pacer;
        this.loop = loop;
        this.stalls = !log.options.noStall();
    }

    /** A held entry (a file action or sync waiting for its time) is no plan to submit. */
    @Override
    boolean hasPlan() {
        return unplanned == 0 && !held;
    }

    @Override
    public boolean planNext() throws IOException {
        long now = System.nanoTime();
        if (start == NO_TIME) {
            start = now;
            base = now;
        }
        while (true) {
            if (!held) {
                if (!fetch()) {
                    return false;
                }
                held = true;
                entryDue = dueOf(now);
            }
            int t = ReplayLog.targetOf(entry.file, targets.length);
            if (entry.kind <= IoOp.TRIM.ordinal()) {
                held = false;
                files.ensureOpenForReplay(t);
                op = OPS[entry.kind];
                target = t;
                offset = entry.offset;
                length = entry.length;
                long rate = pacer.dueNanos(op, length);
                due = rate == NO_TIME || (entryDue != NO_TIME && entryDue - rate > 0) ? entryDue : rate;
                ahead = due != NO_TIME && due - System.nanoTime() > 0;
                unplanned = 0;
                return true;
            }
            now = System.nanoTime();
            if (entryDue != NO_TIME && entryDue - now > 0) {
                due = entryDue; // the loop waits, reaping, then plans again
                unplanned = 0;
                ahead = true;
                return true;
            }
            held = false;
            unplanned = 1;
            base = ahead && entryDue != NO_TIME ? entryDue : now;
            ahead = false;
            special(t);
        }
    }

    /** When the fetched entry is due, or NO_TIME for at once. */
    private long dueOf(long now) {
        if (!stalls) {
            return NO_TIME;
        }
        if (entry.kind == ReplayLog.WAIT) {
            return start + entry.offset * 1_000_000L;
        }
        return entry.gapNanos > 0 ? base + entry.gapNanos : NO_TIME;
    }

    /** Replays a file action, sync or wait whose time has come. */
    private void special(int t) throws IOException {
        switch (entry.kind) {
            case ReplayLog.OPEN -> files.ensureOpenForReplay(t);
            case ReplayLog.CLOSE -> files.closeForReplay(t);
            case ReplayLog.WAIT -> {
                // the time was waited for
            }
            default -> { // sync: fio's engines wait for what is queued, then fsync the file
                files.ensureOpenForReplay(t);
                loop.drain();
                loop.flushBeforeClose(targets[t]);
            }
        }
    }

    /** The next entry into {@link #entry}; false at the end of the log. */
    private boolean fetch() throws IOException {
        if (ended) {
            return false;
        }
        if (!log.chunked()) {
            if (cursor == log.count) {
                ended = true;
                return false;
            }
            log.entry(cursor++, entry);
            return true;
        }
        if (reader == null) {
            reader = log.reopen();
            clone.replayInput = reader; // closed at the end of the job, also when runtime cuts the replay short
        }
        if (!log.next(reader, entry, false)) {
            ended = true;
            reader.close();
            return false;
        }
        return true;
    }

    @Override
    public void submitted() {
        long now = System.nanoTime();
        base = ahead && due != NO_TIME ? due : now;
        unplanned = 1;
        ahead = false;
    }

    @Override
    public void restartBudget() {
        // the log is replayed whole: ramp_time ends measuring's start, not the log's
    }

    @Override
    public void startNewPass() {
        // never called: a replaying clone runs one pass (JobSpec.replaying)
    }
}
