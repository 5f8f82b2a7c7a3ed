package dev.jfio.run;

import dev.jfio.spi.Completions;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The engine as one clone's {@link IoLoop} sees it with {@code lockfile} set: each
 * {@link #queue} holds the unit's file lock (see {@link FileLocks}) while the real engine queues
 * it. Job thread only. A target's lock is looked up once; later lookups allocate nothing.
 */
final class LockingEngine implements IoEngine {
    private final IoEngine engine;
    private final FileLocks locks;
    private final IdentityHashMap<IoTarget, Object> byTarget = new IdentityHashMap<>();

    private LockingEngine(IoEngine engine, FileLocks locks) {
        this.engine = engine;
        this.locks = locks;
    }

    /** {@code engine} itself when the job does not lock its files. */
    static IoEngine of(IoEngine engine, FileLocks locks) {
        return locks == null ? engine : new LockingEngine(engine, locks);
    }

    @Override
    public QueueResult queue(IoUnit unit) throws IOException {
        Object lock = byTarget.get(unit.target());
        if (lock == null) {
            lock = locks.lockOf(unit.target());
            byTarget.put(unit.target(), lock);
        }
        FileLocks.lock(lock, unit.op());
        try {
            return engine.queue(unit);
        } finally {
            FileLocks.unlock(lock, unit.op());
        }
    }

    @Override
    public void commit() throws IOException {
        engine.commit();
    }

    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) throws IOException {
        return engine.getEvents(min, max, timeoutNanos, sink);
    }

    @Override
    public void timeLimit(long limitNanos) {
        engine.timeLimit(limitNanos);
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        engine.setup(setup);
    }

    @Override
    public void init() throws IOException {
        engine.init();
    }

    @Override
    public Map<String, String> properties() {
        return engine.properties();
    }

    @Override
    public void open(IoTarget target) throws IOException {
        engine.open(target);
    }

    @Override
    public long openNanos() {
        return engine.openNanos();
    }

    @Override
    public void close(IoTarget target) throws IOException {
        engine.close(target);
    }

    @Override
    public void cleanup() {
        engine.cleanup();
    }
}
