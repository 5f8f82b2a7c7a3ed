package dev.jfio.run;

import dev.jfio.spi.Completions;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A test engine whose latency grows with its queue: an I/O queued with n I/Os in flight (itself
 * included) completes n * 10 ms later. It also counts the I/Os queued while an overlapping one was
 * in flight on the same target. Driven by one job thread.
 */
public final class CrowdedEngine implements IoEngineProvider {
    static final long STEP_NANOS = 10_000_000L;
    /** I/Os queued over an in-flight one's range, over every engine of the run. */
    static final AtomicInteger OVERLAPS = new AtomicInteger();

    @Override
    public String name() {
        return "crowded";
    }

    @Override
    public String description() {
        return "latency of n * 10 ms at queue depth n";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of();
    }

    @Override
    public IoEngine create(JobView job) {
        return new IoEngine() {
            private final List<IoUnit> flying = new ArrayList<>();
            private final List<Long> dueAt = new ArrayList<>();

            @Override
            public void setup(SetupContext setup) {
                for (IoTarget target : setup.targets()) {
                    target.setSize(1 << 20);
                }
            }

            @Override
            public QueueResult queue(IoUnit unit) {
                for (IoUnit other : flying) {
                    if (other.target() == unit.target()
                            && unit.offset() < other.offset() + other.length()
                            && other.offset() < unit.offset() + unit.length()) {
                        OVERLAPS.incrementAndGet();
                    }
                }
                flying.add(unit);
                dueAt.add(System.nanoTime() + flying.size() * STEP_NANOS);
                return QueueResult.QUEUED;
            }

            @Override
            public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
                int done = 0;
                while (done < min || done == 0) {
                    long now = System.nanoTime();
                    long next = Long.MAX_VALUE;
                    for (int k = 0; k < flying.size() && done < max; ) {
                        if (dueAt.get(k) <= now) {
                            IoUnit u = flying.remove(k);
                            dueAt.remove(k);
                            u.complete(u.length());
                            sink.completed(u);
                            done++;
                        } else {
                            next = Math.min(next, dueAt.get(k));
                            k++;
                        }
                    }
                    if (done >= min && done > 0 || flying.isEmpty()) {
                        break;
                    }
                    LockSupport.parkNanos(Math.max(1, next - System.nanoTime()));
                }
                return done;
            }
        };
    }
}
