package dev.jfio.testkit;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A minimal runner for engine tests: it plays the job ({@link JobView}) and the runner's
 * {@link dev.jfio.spi.SetupContext}, drives one {@link IoEngine} through the lifecycle exactly as
 * the SPI javadoc prescribes, and checks the engine's side of the contract on every call. A broken
 * promise throws an {@link AssertionError} naming it:
 * <ul>
 *   <li>a {@link EngineFlag#SYNCHRONOUS} engine must not return QUEUED (its getEvents is never called);</li>
 *   <li>BUSY only while at least one unit is in flight (otherwise the runner would stall);</li>
 *   <li>getEvents hands each in-flight unit to the sink exactly once, never more than {@code max},
 *       at least {@code min} when it has no time limit, and returns how many it handed;</li>
 *   <li>a completed unit's result lies in {@code [0, length]} when it has no error;</li>
 *   <li>{@link IoEngine#cleanup} does not throw.</li>
 * </ul>
 *
 * <p>Like the runner, the harness makes {@code iodepth} units (1 for a SYNCHRONOUS engine), each
 * with a direct, page-aligned buffer of {@code maxBlockSize} bytes. The SPI promises only that
 * data starts at index 0 of {@link IoUnit#buffer()}, so the harness leaves the buffer's position
 * and limit where filling it left them (position = length): an engine must set them itself.
 *
 * <p>Typical use:
 * <pre>{@code
 * try (EngineHarness h = EngineHarness.builder(new MyProvider()).size(1 << 20).iodepth(8)
 *         .filenames(dir.resolve("f").toString()).start()) {
 *     h.write(4096, EngineHarness.pattern(4096, 4096));
 *     assertArrayEquals(EngineHarness.pattern(4096, 4096), h.read(4096, 4096));
 *     PipelineStats stats = h.pipeline(IoOp.READ, 1000, 4096, false);
 * }
 * }</pre>
 *
 * <p>Thread contract: not thread-safe; use one harness from one thread (the "job thread").
 */
public final class EngineHarness implements AutoCloseable {
    private enum Stage {
        NEW,
        SET_UP,
        INITIALISED,
        OPEN,
        CLOSED,
        CLEANED
    }

    private final IoEngineProvider provider;
    private final HarnessJobView job;
    private final IoEngine engine;
    private final UnitQueue queue;
    private final Pipeline pipeline;
    private final HarnessSetupContext setupContext;
    private final List<IoTarget> opened = new ArrayList<>();
    private Stage stage = Stage.NEW;

    EngineHarness(HarnessBuilder builder) {
        this.provider = builder.provider;
        boolean synchronous = provider.flags().contains(EngineFlag.SYNCHRONOUS);
        this.job = new HarnessJobView(builder, synchronous ? 1 : builder.iodepth);
        boolean diskless = provider.flags().contains(EngineFlag.DISKLESS);
        List<IoTarget> initial = new ArrayList<>();
        if (diskless) {
            // as from the runner: a diskless engine names its own targets
        } else if (builder.filenames.isEmpty()) {
            initial.add(new IoTarget(builder.name + "." + builder.cloneIndex + ".0"));
        } else {
            for (String filename : builder.filenames) {
                initial.add(new IoTarget(filename));
            }
        }
        this.setupContext = new HarnessSetupContext(initial, diskless);
        this.engine = Objects.requireNonNull(provider.create(job), "create() returned null");
        this.queue = new UnitQueue(engine, synchronous, job.iodepth(), job.maxBlockSize());
        this.pipeline = new Pipeline(engine, queue);
    }

    /** A builder for a job of {@code provider}: 4 KiB blocks, iodepth 1, reads and writes, size unset. */
    public static HarnessBuilder builder(IoEngineProvider provider) {
        return new HarnessBuilder(provider);
    }

    /** Deterministic test data for {@code length} bytes at {@code offset}: equal offsets give equal bytes. */
    public static byte[] pattern(long offset, int length) {
        return DataPattern.bytes(offset, length);
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /** Calls {@link IoEngine#setup} (the runner's main thread in real runs). */
    public void setup() throws IOException {
        expect(Stage.NEW, "setup");
        setupContext.open();
        try {
            engine.setup(setupContext);
        } finally {
            setupContext.close();
        }
        stage = Stage.SET_UP;
        setupContext.checkNamed();
        if (setupContext.current().isEmpty()) {
            throw new AssertionError("after setup the job has no targets");
        }
    }

    /** Calls {@link IoEngine#init}. */
    public void init() throws IOException {
        expect(Stage.SET_UP, "init");
        stage = Stage.INITIALISED;
        engine.init();
    }

    /** Calls {@link IoEngine#open} for every target. */
    public void openAll() throws IOException {
        expect(Stage.INITIALISED, "open");
        for (IoTarget target : setupContext.current()) {
            engine.open(target);
            opened.add(target);
        }
        stage = Stage.OPEN;
    }

    /** {@link #setup}, the runner's size check, {@link #init} and {@link #openAll}: ready for I/O. */
    public EngineHarness start() throws IOException {
        setup();
        checkSizeKnown();
        init();
        openAll();
        return this;
    }

    /**
     * What the runner checks between setup and init: a job without {@code size} needs targets
     * whose size setup learned (a diskless engine such as ioengine=null names targets without one).
     */
    private void checkSizeKnown() throws IOException {
        if (job.size() != IoTarget.UNKNOWN_SIZE) {
            return;
        }
        for (IoTarget target : setupContext.current()) {
            if (target.size() == IoTarget.UNKNOWN_SIZE && provider.flags().contains(EngineFlag.DISKLESS)) {
                throw new IOException("job '" + job.jobName() + "': ioengine=" + provider.name()
                        + " has no target to take a size from; set size= (e.g. size=1g)");
            }
        }
    }

    /** Calls {@link IoEngine#close} for every opened target; nothing may be in flight. */
    public void closeAll() throws IOException {
        if (queue.inFlight() != 0) {
            throw new AssertionError("closeAll with " + queue.inFlight() + " units in flight; reap them first");
        }
        stage = Stage.CLOSED;
        while (!opened.isEmpty()) {
            engine.close(opened.remove(opened.size() - 1));
        }
    }

    /** Calls {@link IoEngine#cleanup} once; it must not throw. Later calls do nothing. */
    public void cleanup() {
        if (stage == Stage.CLEANED) {
            return;
        }
        stage = Stage.CLEANED;
        try {
            engine.cleanup();
        } catch (RuntimeException | Error e) {
            throw new AssertionError("cleanup() must not throw, but threw " + e, e);
        }
    }

    /**
     * Ends the lifecycle from wherever it is, as the runner does after success or failure:
     * reaps what is in flight, closes the opened targets and cleans up.
     */
    @Override
    public void close() throws IOException {
        if (stage == Stage.CLEANED) {
            return;
        }
        try {
            queue.drain();
            if (!opened.isEmpty()) {
                closeAll();
            }
        } finally {
            cleanup();
        }
    }

    // ---- single I/Os -----------------------------------------------------------------------

    /**
     * Runs one I/O to completion and returns its unit (result or error set). For WRITE the unit
     * carries {@code data}; other units that finish meanwhile are freed.
     */
    public IoUnit submit(IoOp op, long offset, int length, byte[] data) throws IOException {
        expectOpen();
        HarnessUnit unit = queue.freeUnit();
        if (op == IoOp.WRITE) {
            unit.buffer().clear();
            unit.buffer().put(data, 0, length);
        }
        unit.set(op, targets().get(0), offset, length, 0);
        if (queue.queueRetryingBusy(unit) == QueueResult.COMPLETED) {
            return unit;
        }
        while (!queue.isFree(unit.index())) {
            queue.reap(1, queue.inFlight(), -1);
        }
        return unit;
    }

    /** Writes {@code data} at {@code offset}; returns the bytes written. An I/O error throws IOException. */
    public int write(long offset, byte[] data) throws IOException {
        return checked(submit(IoOp.WRITE, offset, data.length, data));
    }

    /** Reads {@code length} bytes at {@code offset}; a short read returns fewer. An I/O error throws IOException. */
    public byte[] read(long offset, int length) throws IOException {
        IoUnit unit = submit(IoOp.READ, offset, length, null);
        int n = checked(unit);
        byte[] data = new byte[n];
        unit.buffer().get(0, data, 0, n);
        return data;
    }

    /** Sends a FLUSH; an I/O error throws IOException. */
    public void flush() throws IOException {
        checked(submit(IoOp.FLUSH, 0, 0, null));
    }

    /** Sends a TRIM and returns its unit, so the caller can check an engine's refusal. */
    public IoUnit trim(long offset, int length) throws IOException {
        return submit(IoOp.TRIM, offset, length, null);
    }

    private static int checked(IoUnit unit) throws IOException {
        if (unit.error() != 0) {
            throw new IOException(unit.op() + " of " + unit.length() + " bytes at offset " + unit.offset()
                    + " failed: errno " + unit.error() + " (" + unit.errorMessage() + ")");
        }
        return unit.result();
    }

    // ---- raw queue and reap ------------------------------------------------------------------

    /**
     * Queues one I/O on a free unit without waiting for it (WRITE units carry the
     * {@link #pattern}). Returns what queue answered; a BUSY unit stays free, a COMPLETED one is
     * freed at once, a QUEUED one counts as in flight until {@link #reap}.
     *
     * @throws AssertionError when no unit is free
     */
    public QueueResult queueOne(IoOp op, long offset, int length) throws IOException {
        expectOpen();
        HarnessUnit unit = queue.freeUnit();
        if (op == IoOp.WRITE) {
            DataPattern.fill(unit.buffer(), offset, length);
        }
        unit.set(op, targets().get(0), offset, length, 0);
        return queue.queue(unit);
    }

    /** Calls {@link IoEngine#commit}. */
    public void commit() throws IOException {
        engine.commit();
    }

    /**
     * Calls {@link IoEngine#getEvents} with the runner's rules (at least {@code min} units in
     * flight, never on a SYNCHRONOUS engine) and checks the answer. Returns how many units came back.
     */
    public int reap(int min, int max, long timeoutNanos) throws IOException {
        return queue.reap(min, max, timeoutNanos);
    }

    /** Reaps until nothing is in flight. */
    public void drain() throws IOException {
        queue.drain();
    }

    // ---- pipelines ---------------------------------------------------------------------------

    /**
     * Runs {@code count} I/Os of {@code length} bytes as the runner does: fill every free unit,
     * commit, reap at least one, repeat. Offsets run sequentially from the job's offset and wrap
     * within its size (which must be known). WRITE units carry {@link #pattern}; with
     * {@code verify}, READ units are compared with it.
     */
    public PipelineStats pipeline(IoOp op, int count, int length, boolean verify) throws IOException {
        long size = job.size();
        if (size == IoTarget.UNKNOWN_SIZE) {
            throw new IllegalStateException("pipeline needs the job's size");
        }
        long span = size / length * length;
        if (span == 0) {
            throw new IllegalStateException("size " + size + " is smaller than one block of " + length);
        }
        expectOpen();
        return pipeline.run(targets().get(0), op, null, count, job.offset(), span, length, verify);
    }

    /** Like {@link #pipeline(IoOp, int, int, boolean)}, at the given offsets in order. */
    public PipelineStats pipeline(IoOp op, long[] offsets, int length, boolean verify) throws IOException {
        expectOpen();
        return pipeline.run(targets().get(0), op, offsets, offsets.length, 0, 0, length, verify);
    }

    /**
     * Bytes this thread allocated while running {@code count} pipelined I/Os after as many to warm
     * up, or -1 when the JVM cannot tell. The harness's own loop allocates nothing, so anything
     * counted comes from the engine.
     */
    public long allocatedBytes(IoOp op, int count, int length) throws IOException {
        // the run's one PipelineStats, generously
        return AllocationProbe.allocatedBytes(() -> pipeline(op, count, length, false), 256);
    }

    // ---- views ---------------------------------------------------------------------------------

    /** The job as the engine sees it. */
    public JobView job() {
        return job;
    }

    public IoEngine engine() {
        return engine;
    }

    public IoEngineProvider provider() {
        return provider;
    }

    /** The job's targets, as setup left them. */
    public List<IoTarget> targets() {
        return setupContext.current();
    }

    /** The units ({@code iodepth} of them; 1 for a SYNCHRONOUS engine). */
    public List<IoUnit> units() {
        return List.of(queue.units());
    }

    /** Units queued and not yet reaped. */
    public int inFlight() {
        return queue.inFlight();
    }

    /** Notices the engine printed through {@link JobView#notice}, in order. */
    public List<String> notices() {
        return job.notices();
    }

    private void expect(Stage wanted, String call) {
        if (stage != wanted) {
            throw new IllegalStateException(call + "() in stage " + stage + "; expected " + wanted);
        }
    }

    private void expectOpen() {
        if (stage != Stage.OPEN) {
            throw new IllegalStateException("I/O needs start() first (stage " + stage + ")");
        }
    }

    @Override
    public String toString() {
        return "EngineHarness[" + provider.name() + " " + stage + " iodepth=" + queue.units().length + " targets="
                + targets() + " " + queue + " flags=" + Set.copyOf(provider.flags()) + "]";
    }
}
