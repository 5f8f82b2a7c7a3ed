package dev.jfio.spi;

import java.io.IOException;
import java.util.Map;

/**
 * One engine instance per job clone, created by {@link IoEngineProvider#create(JobView)}.
 *
 * <h2>Order and threads</h2>
 * The runner calls, for each clone: {@link #setup} on the runner's main thread before any job
 * thread starts; then on the job's own thread {@link #init}, {@link #open} for each target, the
 * I/O loop ({@link #queue}, {@link #commit}, {@link #getEvents}), {@link #close} for each opened
 * target and finally {@link #cleanup}. No two methods of one instance ever run concurrently, and
 * apart from {@code setup} (and {@code cleanup} when {@code init} never ran) every call comes from
 * the same job thread, so an instance needs no locking. Different instances (clones) run on
 * different threads at once; state shared between them is the engine's to guard.
 *
 * <h2>Errors</h2>
 * An {@link IOException} thrown from any method fails the job: the runner prints its message as
 * one line on stderr (with the job's name), stops the job and still prints the report. Write
 * messages for the user: what failed, with which values, and what to do. A failed I/O (a
 * target's error reply, EIO) is not an exception: call {@link IoUnit#fail} and complete the unit;
 * the runner counts it and decides by {@code continue_on_error} whether the job goes on.
 */
public interface IoEngine {

    /**
     * Learns the targets before anything is laid out: their sizes (an NBD engine connects and
     * reads the export size), or replaces them with what the engine really benchmarks.
     *
     * <p>Called once, on the runner's main thread, before any job thread starts. The default
     * does nothing.
     */
    default void setup(SetupContext setup) throws IOException {}

    /**
     * Creates per-thread state: connections, rings, scratch buffers. Called once on the job
     * thread, before the first {@link #open}. The default does nothing.
     */
    default void init() throws IOException {}

    /**
     * Opens a target for I/O, storing any handle with {@link IoTarget#setEngineData}. Called on
     * the job thread, after {@link #init}, before the first I/O on the target; again after a
     * {@link #close} of it when the job opens its files a few at a time ({@code openfiles}) or,
     * for a {@link EngineFlag#TIMED_OPEN} engine, once per pass. The default does nothing.
     */
    default void open(IoTarget target) throws IOException {}

    /**
     * How long the operation of the {@link #open} that just returned took, in nanoseconds, for a
     * {@link EngineFlag#TIMED_OPEN} engine: the engine times the operation itself (the file
     * created, looked up or deleted), around the system call alone, as fio's engines do. Called on
     * the job thread right after each {@code open} of such an engine that returned normally;
     * never for other engines. The default, -1, means not measured: the runner records nothing.
     */
    default long openNanos() {
        return -1;
    }

    /**
     * Starts one I/O described by the unit (see {@link IoUnit}). Called on the job thread with a
     * prepared unit the engine does not already hold.
     *
     * @return {@link QueueResult#COMPLETED} when the I/O finished here (the unit's result is
     *     set and the runner accounts it at once); {@link QueueResult#QUEUED} when it is in flight
     *     and will come back through {@link #getEvents}; {@link QueueResult#BUSY} when the engine
     *     took nothing and wants completions reaped before the unit is offered again
     * @throws IOException when the engine cannot go on at all (connection lost); an error of
     *     this one I/O goes through {@link IoUnit#fail} instead
     */
    QueueResult queue(IoUnit unit) throws IOException;

    /**
     * Pushes out the units that {@link #queue} returned QUEUED for but has only batched (fio's
     * {@code iodepth_batch_submit}). Called on the job thread after each batch of queue calls and
     * before {@link #getEvents}. Engines that send in {@code queue} keep the default, which does
     * nothing.
     */
    default void commit() throws IOException {}

    /**
     * Reaps in-flight units: hands each finished unit to {@code sink}, at most {@code max} of them,
     * and returns how many it handed. Called on the job thread, only while at least {@code min}
     * units are in flight. Blocks until at least {@code min} units have finished, or until
     * {@code timeoutNanos} has passed ({@code timeoutNanos < 0}: no time limit; {@code min == 0}:
     * return at once with whatever has finished). Never called on a
     * {@link EngineFlag#SYNCHRONOUS} engine; the default returns 0.
     *
     * <p>The timeout bounds the job's time: when the job has a {@code runtime}, the runner passes
     * at most the time left until runtime's end plus {@code drain_timeout} (after a stop request,
     * {@code drain_timeout} from then), and {@code -1} only when nothing bounds the job (a
     * size-bounded job). An engine must return by the timeout even with fewer than {@code min}
     * units finished; the runner abandons the units still in flight once that limit has passed
     * (see {@link #close}). An engine that cannot wait with a time limit must not block here.
     */
    default int getEvents(int min, int max, long timeoutNanos, Completions sink) throws IOException {
        return 0;
    }

    /**
     * Tells the engine when the job's time runs out: a {@link System#nanoTime()} value after which
     * the runner waits for nothing still in flight (runtime's end plus {@code drain_timeout}, or
     * {@code drain_timeout} after a stop request). Called on the job thread before the first
     * {@link #queue} when the job has a runtime, and again whenever a stop brings the limit closer;
     * never for a job without one. A {@link #getEvents} timeout that reaches this limit is final,
     * so the engine may enforce it by any means, even a destructive one (closing its connection
     * and failing what is in flight with {@link Errno#ETIMEDOUT}), and may wait for it more cheaply
     * than for a short timeout. The default ignores it.
     */
    default void timeLimit(long limitNanos) {}

    /**
     * Closes a target opened by {@link #open}. Called on the job thread after its last I/O has
     * completed, or after the runner abandoned the units still in flight (the job's time limit
     * passed, or the job failed): those are never reaped, so close and {@link #cleanup} must not
     * wait for them without a bound (nor send more to a peer that may have stopped reading). The
     * default does nothing.
     */
    default void close(IoTarget target) throws IOException {}

    /**
     * Releases everything: connections, servers started in setup, native memory. Called once,
     * last, on the job thread (or on the runner's main thread when the job never started); also
     * after a failure, so it must cope with partial initialisation. It must not throw. Units
     * still in flight (abandoned, see {@link #close}) belong to the engine until cleanup returns;
     * after that it must never touch them or their buffers (an engine whose I/O runs outside the
     * JVM, such as a kernel ring, cancels it here, waiting a bounded time).
     */
    default void cleanup() {}

    /**
     * Facts the engine learned about what it benchmarked (an NBD export's size and flags), shown
     * in the normal report and under the job's {@code "jfio"} key in JSON. Called on the runner's
     * main thread after the job has finished. Keys are short lower-case names.
     */
    default Map<String, String> properties() {
        return Map.of();
    }
}
