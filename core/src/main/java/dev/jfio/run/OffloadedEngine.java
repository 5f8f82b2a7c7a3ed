package dev.jfio.run;

import dev.jfio.spi.Completions;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code io_submit_mode=offload}: the job thread generates and paces I/O (the I/O loop runs as
 * ever), and a submitter thread of the clone's own queues, commits and reaps it on the real
 * engine, as fio's rate-submit.c workqueue does. Every call to the real engine after
 * {@code setup} (init, open, queue, commit, getEvents, timeLimit, close, cleanup) happens on the
 * submitter thread, so the engine's one-thread contract holds.
 *
 * <p>To the I/O loop this is an asynchronous engine: {@link #queue} hands the unit over and
 * returns QUEUED at once, {@link #getEvents} hands back what the submitter finished. So the loop
 * keeps {@code iodepth} I/Os out even on a synchronous engine, and an I/O's latency runs from
 * when the job thread generated it, including its wait behind the ones the submitter has not
 * got to yet: the time a backed-up device costs is measured, not hidden (fio's coordinated
 * omission point). Handing units over allocates nothing; control calls (open, close, ...) make
 * one small task each.
 *
 * <p>Threads: {@link #setup} on the runner's main thread; {@link #properties} on the main thread
 * once the job ended; everything else on the job thread (cleanup possibly on the main thread).
 */
final class OffloadedEngine implements IoEngine {
    /** How long a control call (open, close, cleanup) waits for the submitter before it gives up. */
    private static final long CONTROL_TIMEOUT_SECONDS = 60;
    /** When idle with I/O in flight, the submitter looks for new units at least this often. */
    private static final long REAP_SLICE_NANOS = 100_000L;

    private final IoEngine real;
    private final String name;
    private final OverlapRegistry overlaps;
    private final HandoffRing<Object> requests;
    private final HandoffRing<IoUnit> completions;
    private final Completions toJob = this::finished;

    private Thread submitter;
    private volatile boolean closed;
    /** What the real engine threw in queue or getEvents; the job thread rethrows it. */
    private volatile IOException failure;
    /** Submitter thread only: units the real engine holds. */
    private int inFlight;

    /**
     * @param overlaps the run's registry when the job serializes overlapping I/O, else null
     */
    OffloadedEngine(IoEngine real, int depth, String name, OverlapRegistry overlaps) {
        this.real = real;
        this.name = name;
        this.overlaps = overlaps;
        this.requests = new HandoffRing<>(depth + 4);
        this.completions = new HandoffRing<>(depth + 4);
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        real.setup(setup);
    }

    @Override
    public void init() throws IOException {
        submitter = new Thread(this::submitLoop, "jfio-submit-" + name);
        submitter.setDaemon(true);
        submitter.start();
        control(() -> {
            real.init();
            return null;
        });
    }

    @Override
    public void open(IoTarget target) throws IOException {
        control(() -> {
            real.open(target);
            return null;
        });
    }

    @Override
    public long openNanos() {
        try {
            return control(real::openNanos);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public QueueResult queue(IoUnit unit) throws IOException {
        rethrow();
        while (!requests.offer(unit)) {
            Thread.onSpinWait(); // never long: the loop keeps at most iodepth units out
        }
        return QueueResult.QUEUED;
    }

    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) throws IOException {
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        int n = 0;
        while (n < max) {
            IoUnit unit = completions.poll();
            if (unit == null) {
                rethrow();
                if (n >= min) {
                    break;
                }
                unit = completions.take(deadline);
                if (unit == null) {
                    rethrow();
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IOException("interrupted while waiting for the offload submitter thread");
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        break;
                    }
                    continue;
                }
            }
            sink.completed(unit);
            n++;
        }
        return n;
    }

    @Override
    public void timeLimit(long limitNanos) {
        try {
            control(() -> {
                real.timeLimit(limitNanos);
                return null;
            });
        } catch (IOException e) {
            // the real engine's timeLimit throws nothing; a submitter gone quiet is seen by the next call
        }
    }

    @Override
    public void close(IoTarget target) throws IOException {
        control(() -> {
            real.close(target);
            return null;
        });
    }

    @Override
    public void cleanup() {
        if (submitter == null) {
            real.cleanup(); // init never ran: no submitter, and the contract allows any thread here
            return;
        }
        try {
            control(() -> {
                real.cleanup();
                return null;
            });
        } catch (IOException e) {
            // cleanup must not throw; the submitter is a daemon and is told to end below
        }
        closed = true;
        requests.wake();
    }

    @Override
    public Map<String, String> properties() {
        return real.properties(); // the job has ended: the submitter is gone
    }

    /** Runs {@code call} on the submitter thread, in order with the units handed over before it. */
    private <T> T control(java.util.concurrent.Callable<T> call) throws IOException {
        CompletableFuture<T> done = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                done.complete(call.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        };
        while (!requests.offer(task)) {
            Thread.onSpinWait();
        }
        try {
            return done.get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("ioengine=" + name + " failed on its submitter thread: " + c, c);
        } catch (TimeoutException e) {
            throw new IOException("ioengine=" + name + ": the offload submitter thread did not answer in "
                    + CONTROL_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the offload submitter thread");
        }
    }

    private void rethrow() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw e;
        }
    }

    /** Submitter thread: a completion from the real engine goes back to the job thread. */
    private void finished(IoUnit unit) {
        inFlight--;
        handBack(unit);
    }

    private void handBack(IoUnit unit) {
        if (overlaps != null) {
            overlaps.release(unit);
        }
        while (!completions.offer(unit)) {
            Thread.onSpinWait();
        }
    }

    /** The submitter thread's life: units to queue and control tasks, in order, until cleanup. */
    private void submitLoop() {
        while (!closed) {
            Object request = requests.poll();
            try {
                if (request == null) {
                    if (inFlight > 0 && failure == null) {
                        real.getEvents(1, inFlight, REAP_SLICE_NANOS, toJob);
                        continue;
                    }
                    request = requests.take(Long.MAX_VALUE);
                    if (request == null) {
                        continue;
                    }
                }
                if (request instanceof IoUnit unit) {
                    if (failure == null) {
                        submit(unit);
                    }
                } else {
                    ((Runnable) request).run();
                }
            } catch (IOException e) {
                failure = e;
                completions.wake();
            } catch (RuntimeException e) {
                failure = new IOException("ioengine=" + name + " failed on its submitter thread: " + e, e);
                completions.wake();
            }
        }
    }

    /** fio's io_workqueue_fn: queue (reaping while BUSY), then reap whatever finished without waiting. */
    private void submit(IoUnit unit) throws IOException {
        if (overlaps != null) {
            while (!overlaps.tryHold(unit)) {
                if (inFlight > 0) {
                    real.getEvents(1, inFlight, REAP_SLICE_NANOS, toJob); // it may be our own I/O
                } else {
                    Thread.onSpinWait();
                }
            }
        }
        while (true) {
            QueueResult r = real.queue(unit);
            if (r == QueueResult.COMPLETED) {
                handBack(unit);
                break;
            }
            if (r == QueueResult.QUEUED) {
                inFlight++;
                real.commit();
                break;
            }
            if (inFlight == 0) {
                throw new IOException("ioengine=" + name + " returned BUSY with nothing in flight");
            }
            real.getEvents(1, inFlight, REAP_SLICE_NANOS, toJob);
        }
        if (inFlight > 0) {
            real.getEvents(0, inFlight, 0, toJob);
        }
    }

    /** For tests: the real engine's calls must all come from this thread. */
    Thread submitterThread() {
        return submitter;
    }
}
