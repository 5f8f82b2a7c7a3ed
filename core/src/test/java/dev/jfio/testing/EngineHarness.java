package dev.jfio.testing;

import dev.jfio.spi.Completions;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.Fallocate;
import dev.jfio.spi.FileHandling;
import dev.jfio.spi.FileSizes;
import dev.jfio.spi.FlushKind;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.spi.SyncMode;
import dev.jfio.spi.SyncPolicy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A minimal runner for engine tests: it plays the job ({@link JobView}) and the runner's
 * {@link SetupContext}, drives one {@link IoEngine} through the lifecycle exactly as the SPI
 * javadoc prescribes, and checks the engine's side of the contract on every call. A broken
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
 *     EngineHarness.PipelineStats stats = h.pipeline(IoOp.READ, 1000, 4096);
 * }
 * }</pre>
 *
 * <p>Thread contract: not thread-safe; use one harness from one thread (the "job thread").
 */
public final class EngineHarness implements AutoCloseable {
    private static final int FREE = 0, QUEUED = 1;
    private static final int PAGE = 4096;

    private enum Stage { NEW, SET_UP, INITIALISED, OPEN, CLOSED, CLEANED }

    private final IoEngineProvider provider;
    private final Job job;
    private final boolean synchronous;
    private final IoEngine engine;
    private final IoUnit[] units;
    private final int[] state;
    private final long[] sequence;
    private final Setup setupContext = new Setup();
    private final Sink sink = new Sink();
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    private List<IoTarget> targets;
    private final List<IoTarget> opened = new ArrayList<>();
    private Stage stage = Stage.NEW;
    private int inFlight;
    private long submitted;
    private PipelineStats stats;

    private EngineHarness(Builder builder) {
        this.provider = builder.provider;
        this.synchronous = provider.flags().contains(EngineFlag.SYNCHRONOUS);
        this.job = new Job(builder, synchronous ? 1 : builder.iodepth);
        List<IoTarget> initial = new ArrayList<>();
        if (builder.filenames.isEmpty()) {
            initial.add(new IoTarget(builder.name + "." + builder.cloneIndex + ".0"));
        } else {
            for (String filename : builder.filenames) {
                initial.add(new IoTarget(filename));
            }
        }
        this.targets = List.copyOf(initial);
        int depth = job.iodepth();
        this.units = new IoUnit[depth];
        this.state = new int[depth];
        this.sequence = new long[depth];
        for (int i = 0; i < depth; i++) {
            units[i] = new IoUnit(i, alignedBuffer(job.maxBlockSize()));
        }
        this.engine = Objects.requireNonNull(provider.create(job), "create() returned null");
    }

    /** A builder for a job of {@code provider}: 4 KiB blocks, iodepth 1, reads and writes, size unset. */
    public static Builder builder(IoEngineProvider provider) {
        return new Builder(provider);
    }

    /** Deterministic test data for {@code length} bytes at {@code offset}: equal offsets give equal bytes. */
    public static byte[] pattern(long offset, int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = patternByte(offset + i);
        }
        return data;
    }

    private static byte patternByte(long position) {
        long x = position * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56 ^ position);
    }

    private static ByteBuffer alignedBuffer(int capacity) {
        int pages = (capacity + PAGE - 1) / PAGE;
        return ByteBuffer.allocateDirect((pages + 1) * PAGE).alignedSlice(PAGE).limit(capacity).slice();
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /** Calls {@link IoEngine#setup} (the runner's main thread in real runs). */
    public void setup() throws IOException {
        expect(Stage.NEW, "setup");
        setupContext.valid = true;
        try {
            engine.setup(setupContext);
        } finally {
            setupContext.valid = false;
        }
        stage = Stage.SET_UP;
        if (targets.isEmpty()) {
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
        for (IoTarget target : targets) {
            engine.open(target);
            opened.add(target);
        }
        stage = Stage.OPEN;
    }

    /** {@link #setup}, {@link #init} and {@link #openAll}: ready for I/O. */
    public EngineHarness start() throws IOException {
        setup();
        init();
        openAll();
        return this;
    }

    /** Calls {@link IoEngine#close} for every opened target; nothing may be in flight. */
    public void closeAll() throws IOException {
        if (inFlight != 0) {
            throw new AssertionError("closeAll with " + inFlight + " units in flight; reap them first");
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
            drain();
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
        IoUnit unit = freeUnit();
        if (op == IoOp.WRITE) {
            fill(unit.buffer(), data, length);
        }
        unit.prepare(op, targets.get(0), offset, length, 0);
        QueueResult result = queueRetryingBusy(unit);
        if (result == QueueResult.COMPLETED) {
            return unit;
        }
        while (state[unit.index()] == QUEUED) {
            reap(1, inFlight, -1);
        }
        return unit;
    }

    /** Writes {@code data} at {@code offset}; returns the bytes written. An I/O error throws IOException. */
    public int write(long offset, byte[] data) throws IOException {
        IoUnit unit = submit(IoOp.WRITE, offset, data.length, data);
        return checked(unit);
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
        IoUnit unit = freeUnit();
        if (op == IoOp.WRITE) {
            fillPattern(unit.buffer(), offset, length);
        }
        unit.prepare(op, targets.get(0), offset, length, 0);
        return queue(unit);
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
        if (synchronous) {
            throw new AssertionError("the runner never calls getEvents on a SYNCHRONOUS engine");
        }
        if (min > inFlight) {
            throw new AssertionError("reap(min=" + min + ") with only " + inFlight + " units in flight");
        }
        sink.begin(max);
        int returned = engine.getEvents(min, max, timeoutNanos, sink);
        int handed = sink.handed;
        if (returned != handed) {
            throw new AssertionError("getEvents returned " + returned + " but handed " + handed + " units to the sink");
        }
        if (timeoutNanos < 0 && handed < min) {
            throw new AssertionError("getEvents(min=" + min + ", no timeout) handed only " + handed + " units");
        }
        return handed;
    }

    /** Reaps until nothing is in flight. */
    public void drain() throws IOException {
        while (inFlight > 0) {
            reap(1, inFlight, -1);
        }
    }

    private QueueResult queueRetryingBusy(IoUnit unit) throws IOException {
        while (true) {
            QueueResult result = queue(unit);
            if (result != QueueResult.BUSY) {
                return result;
            }
            reap(1, inFlight, -1);
        }
    }

    private QueueResult queue(IoUnit unit) throws IOException {
        int index = unit.index();
        sequence[index] = submitted++;
        QueueResult result = engine.queue(unit);
        if (result == null) {
            throw new AssertionError("queue() returned null");
        }
        switch (result) {
            case COMPLETED:
                checkResult(unit);
                if (stats != null) {
                    stats.completedInQueue++;
                }
                count(unit);
                break;
            case QUEUED:
                if (synchronous) {
                    throw new AssertionError("a SYNCHRONOUS engine returned QUEUED");
                }
                state[index] = QUEUED;
                inFlight++;
                break;
            case BUSY:
            default:
                if (inFlight == 0) {
                    throw new AssertionError("queue() returned BUSY with nothing in flight: the runner would stall");
                }
                if (stats != null) {
                    stats.busy++;
                }
                break;
        }
        return result;
    }

    private void checkResult(IoUnit unit) {
        if (unit.error() == 0 && (unit.result() < 0 || unit.result() > unit.length())) {
            throw new AssertionError("unit " + unit.index() + " completed with result " + unit.result()
                    + " for a length of " + unit.length());
        }
    }

    private IoUnit freeUnit() {
        for (int i = 0; i < units.length; i++) {
            if (state[i] == FREE) {
                return units[i];
            }
        }
        throw new AssertionError("no free unit: all " + units.length + " are in flight");
    }

    // ---- pipelines ---------------------------------------------------------------------------

    /** What one {@link #pipeline} run saw. */
    public static final class PipelineStats {
        /** Units that finished, with or without error. */
        public int completed;
        /** Units that finished with an error. */
        public int errors;
        /** Units whose result was not their length (short I/O). */
        public int shortIos;
        /** Units that finished inside queue (COMPLETED). */
        public int completedInQueue;
        /** Units that came back through getEvents. */
        public int reaped;
        /** BUSY answers. */
        public int busy;
        /** The most units in flight at once. */
        public int maxInFlight;
        /** Units that came back before a unit submitted earlier. */
        public int outOfOrder;
        /** READ units whose data differed from {@link #pattern} (only when verifying). */
        public int mismatches;
        /** The first error message seen, or null. */
        public String firstError;

        boolean verify;
        long lastSequence = -1;

        /** {@link #completedInQueue} + {@link #reaped}: equals {@link #completed} when nothing was lost or doubled. */
        public int completedInQueueOrReaped() {
            return completedInQueue + reaped;
        }

        @Override
        public String toString() {
            return "completed=" + completed + " errors=" + errors + " short=" + shortIos + " inQueue=" + completedInQueue
                    + " reaped=" + reaped + " busy=" + busy + " maxInFlight=" + maxInFlight
                    + " outOfOrder=" + outOfOrder + " mismatches=" + mismatches + " firstError=" + firstError;
        }
    }

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
        return run(op, null, count, job.offset(), span, length, verify);
    }

    /** Like {@link #pipeline(IoOp, int, int, boolean)}, at the given offsets in order. */
    public PipelineStats pipeline(IoOp op, long[] offsets, int length, boolean verify) throws IOException {
        return run(op, offsets, offsets.length, 0, 0, length, verify);
    }

    private PipelineStats run(IoOp op, long[] offsets, int count, long base, long span, int length, boolean verify)
            throws IOException {
        expectOpen();
        if (inFlight != 0) {
            throw new IllegalStateException("pipeline needs every unit free");
        }
        PipelineStats run = new PipelineStats();
        run.verify = verify && op == IoOp.READ;
        stats = run;
        IoTarget target = targets.get(0);
        int next = 0;
        try {
            while (run.completed < count) {
                boolean queued = false;
                for (int i = 0; i < units.length && next < count; i++) {
                    if (state[i] != FREE) {
                        continue;
                    }
                    long offset = offsets != null ? offsets[next] : base + (long) next * length % span;
                    IoUnit unit = units[i];
                    if (op == IoOp.WRITE) {
                        fillPattern(unit.buffer(), offset, length);
                    }
                    unit.prepare(op, target, offset, length, 0);
                    QueueResult result = queue(unit);
                    if (result == QueueResult.BUSY) {
                        break;
                    }
                    queued = true;
                    next++;
                    if (inFlight > run.maxInFlight) {
                        run.maxInFlight = inFlight;
                    }
                }
                if (queued) {
                    engine.commit();
                }
                if (inFlight > 0) {
                    reap(1, inFlight, -1);
                }
            }
        } finally {
            stats = null;
        }
        return run;
    }

    private void count(IoUnit unit) {
        PipelineStats run = stats;
        if (run == null) {
            return;
        }
        run.completed++;
        long seq = sequence[unit.index()];
        if (seq < run.lastSequence) {
            run.outOfOrder++;
        } else {
            run.lastSequence = seq;
        }
        if (unit.error() != 0) {
            run.errors++;
            if (run.firstError == null) {
                run.firstError = "errno " + unit.error() + " (" + unit.errorMessage() + ")";
            }
            return;
        }
        if (unit.result() != unit.length()) {
            run.shortIos++;
        }
        if (run.verify && !matchesPattern(unit.buffer(), unit.offset(), unit.result())) {
            run.mismatches++;
        }
    }

    private static void fill(ByteBuffer buffer, byte[] data, int length) {
        buffer.clear();
        buffer.put(data, 0, length);
    }

    private static void fillPattern(ByteBuffer buffer, long offset, int length) {
        buffer.clear();
        for (int i = 0; i < length; i++) {
            buffer.put(patternByte(offset + i));
        }
    }

    private static boolean matchesPattern(ByteBuffer buffer, long offset, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer.get(i) != patternByte(offset + i)) {
                return false;
            }
        }
        return true;
    }

    // ---- allocation ----------------------------------------------------------------------------

    /**
     * Bytes this thread allocated while running {@code count} pipelined I/Os after as many to warm
     * up, or -1 when the JVM cannot tell. The harness's own loop allocates nothing, so anything
     * counted comes from the engine.
     */
    public long allocatedBytes(IoOp op, int count, int length) throws IOException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean)) {
            return -1;
        }
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        if (!counter.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        counter.setThreadAllocatedMemoryEnabled(true);
        long thread = Thread.currentThread().getId();
        pipeline(op, count, length, false);
        long calibrateStart = counter.getThreadAllocatedBytes(thread);
        long calibrateEnd = counter.getThreadAllocatedBytes(thread);
        long start = counter.getThreadAllocatedBytes(thread);
        pipeline(op, count, length, false);
        long end = counter.getThreadAllocatedBytes(thread);
        // the run's one PipelineStats (generously) and the probe itself
        long own = 256 + (calibrateEnd - calibrateStart);
        return Math.max(0, end - start - own);
    }

    // ---- views ---------------------------------------------------------------------------------

    /** The job as the engine sees it. */
    public JobView job() { return job; }

    public IoEngine engine() { return engine; }

    public IoEngineProvider provider() { return provider; }

    /** The job's targets, as setup left them. */
    public List<IoTarget> targets() { return targets; }

    /** The units ({@code iodepth} of them; 1 for a SYNCHRONOUS engine). */
    public List<IoUnit> units() { return List.of(units); }

    /** Units queued and not yet reaped. */
    public int inFlight() { return inFlight; }

    /** Notices the engine printed through {@link JobView#notice}, in order. */
    public List<String> notices() { return List.copyOf(notices); }

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

    // ---- the runner's side -------------------------------------------------------------------

    private final class Sink implements Completions {
        int max;
        int handed;

        void begin(int max) {
            this.max = max;
            this.handed = 0;
        }

        @Override
        public void completed(IoUnit unit) {
            int index = unit.index();
            if (index < 0 || index >= units.length || units[index] != unit) {
                throw new AssertionError("getEvents handed a unit the harness does not own: " + unit);
            }
            if (state[index] != QUEUED) {
                throw new AssertionError("getEvents handed unit " + index + ", which is not in flight (completed twice?)");
            }
            if (++handed > max) {
                throw new AssertionError("getEvents handed more than max=" + max + " units");
            }
            checkResult(unit);
            state[index] = FREE;
            inFlight--;
            if (stats != null) {
                stats.reaped++;
            }
            count(unit);
        }
    }

    private final class Setup implements SetupContext {
        boolean valid;

        @Override
        public List<IoTarget> targets() {
            check();
            return targets;
        }

        @Override
        public void setTargets(List<IoTarget> replacement) {
            check();
            if (replacement == null || replacement.isEmpty()) {
                throw new AssertionError("setTargets needs at least one target");
            }
            targets = List.copyOf(replacement);
        }

        private void check() {
            if (!valid) {
                throw new AssertionError("the SetupContext is valid only during setup()");
            }
        }
    }

    private final class Job implements JobView {
        private final String name;
        private final int jobNumber;
        private final int cloneIndex;
        private final Map<EngineOption<?>, Object> options;
        private final Map<String, String> coreOptions;
        private final int iodepth;
        private final int minBs;
        private final int maxBs;
        private final long offset;
        private final long size;
        private final boolean reads;
        private final boolean writes;
        private final boolean trims;
        private final boolean direct;
        private final List<String> filenames;
        private final int totalJobs;
        private final SyncPolicy syncPolicy;
        private final FileHandling fileHandling;
        private final FileSizes fileSizes;

        Job(Builder b, int iodepth) {
            this.name = b.name;
            this.jobNumber = b.jobNumber;
            this.cloneIndex = b.cloneIndex;
            this.options = Map.copyOf(b.options);
            this.coreOptions = Map.copyOf(b.coreOptions);
            this.iodepth = iodepth;
            this.minBs = b.minBs;
            this.maxBs = b.maxBs;
            this.offset = b.offset;
            this.size = b.size;
            this.reads = b.reads;
            this.writes = b.writes;
            this.trims = b.trims;
            this.direct = b.direct;
            this.filenames = List.copyOf(b.filenames);
            this.totalJobs = b.totalJobs;
            this.syncPolicy = new SyncPolicy(b.syncMode, b.flush);
            this.fileHandling = new FileHandling(b.fallocate, b.invalidate, b.overwrite, b.allowFileCreate,
                    b.createOnOpen, b.unlink);
            this.fileSizes = b.fileSizes;
        }

        @Override public String jobName() { return name; }
        @Override public int jobNumber() { return jobNumber; }
        @Override public int cloneIndex() { return cloneIndex; }

        @Override
        public <T> T get(EngineOption<T> option) {
            Object value = options.get(option);
            return value == null ? option.defaultValue() : option.javaType().cast(value);
        }

        @Override public boolean isSet(EngineOption<?> option) { return options.containsKey(option); }
        @Deprecated
        @Override public String coreOption(String optionName) { return coreOptions.get(optionName); }
        @Override public int iodepth() { return iodepth; }
        @Override public int maxBlockSize() { return maxBs; }
        @Override public int minBlockSize() { return minBs; }
        @Override public long offset() { return offset; }
        @Override public long size() { return size; }
        @Override public boolean writes() { return writes; }
        @Override public boolean reads() { return reads; }
        @Override public boolean trims() { return trims; }
        @Override public SyncPolicy syncPolicy() { return syncPolicy; }
        @Override public FileHandling fileHandling() { return fileHandling; }
        @Override public FileSizes fileSizes() { return fileSizes; }
        @Override public boolean direct() { return direct; }
        @Override public List<String> filenames() { return filenames; }
        @Override public int totalJobs() { return totalJobs; }

        @Override
        public void notice(String message) {
            notices.add(message);
        }
    }

    /** Describes the job; {@link #build()} creates the engine, {@link #start()} also sets it up and opens it. */
    public static final class Builder {
        private final IoEngineProvider provider;
        private String name = "job";
        private int jobNumber;
        private int cloneIndex;
        private final Map<EngineOption<?>, Object> options = new HashMap<>();
        private final Map<String, String> coreOptions = new HashMap<>();
        private int iodepth = 1;
        private int minBs = 4096;
        private int maxBs = 4096;
        private long offset;
        private long size = IoTarget.UNKNOWN_SIZE;
        private boolean reads = true;
        private boolean writes = true;
        private boolean trims;
        private boolean direct;
        private List<String> filenames = List.of();
        private int totalJobs = 1;
        private SyncMode syncMode = SyncMode.NONE;
        private FlushKind flush = FlushKind.FSYNC;
        private Fallocate fallocate = FileHandling.DEFAULT.fallocate();
        private boolean invalidate = FileHandling.DEFAULT.invalidate();
        private boolean overwrite = FileHandling.DEFAULT.overwrite();
        private boolean allowFileCreate = FileHandling.DEFAULT.allowFileCreate();
        private boolean createOnOpen = FileHandling.DEFAULT.createOnOpen();
        private boolean unlink = FileHandling.DEFAULT.unlink();
        private FileSizes fileSizes = FileSizes.NONE;

        private Builder(IoEngineProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        public Builder name(String name) { this.name = name; return this; }

        public Builder jobNumber(int jobNumber) { this.jobNumber = jobNumber; return this; }

        public Builder cloneIndex(int cloneIndex) { this.cloneIndex = cloneIndex; return this; }

        /** Sets an engine option to its parsed value. */
        public <T> Builder option(EngineOption<T> option, T value) {
            options.put(option, option.javaType().cast(Objects.requireNonNull(value, "value")));
            return this;
        }

        /**
         * Sets an engine option by name to its parsed value (a Long for sizes, times in
         * nanoseconds and integers; an Integer is widened). Unknown names and wrong types throw
         * IllegalArgumentException.
         */
        public Builder option(String optionName, Object value) {
            for (EngineOption<?> option : provider.options()) {
                if (option.name().equals(optionName)) {
                    Object parsed = value instanceof Integer && option.javaType() == Long.class
                            ? Long.valueOf((Integer) value) : value;
                    if (!option.javaType().isInstance(parsed)) {
                        throw new IllegalArgumentException("option " + optionName + " takes a "
                                + option.javaType().getSimpleName() + ", not " + value);
                    }
                    if (!option.choices().isEmpty() && !option.choices().contains(parsed)) {
                        throw new IllegalArgumentException("option " + optionName + " takes one of "
                                + option.choices() + ", not " + value);
                    }
                    options.put(option, parsed);
                    return this;
                }
            }
            throw new IllegalArgumentException("engine " + provider.name() + " has no option " + optionName);
        }

        /** Sets several engine options by name; see {@link #option(String, Object)}. */
        public Builder options(Map<String, ?> byName) {
            byName.forEach(this::option);
            return this;
        }

        /** The text of a core option, for the deprecated {@link JobView#coreOption}. */
        public Builder coreOption(String optionName, String text) { coreOptions.put(optionName, text); return this; }

        /** {@code sync=}: the open flag of written targets. */
        public Builder sync(SyncMode mode) { this.syncMode = Objects.requireNonNull(mode, "mode"); return this; }

        /** What FLUSH units mean ({@link JobView#syncPolicy()}). */
        public Builder flush(FlushKind kind) { this.flush = Objects.requireNonNull(kind, "kind"); return this; }

        /** {@code fallocate=}. */
        public Builder fallocate(Fallocate mode) { this.fallocate = Objects.requireNonNull(mode, "mode"); return this; }

        /** {@code invalidate}. */
        public Builder invalidate(boolean on) { this.invalidate = on; return this; }

        /** {@code overwrite}. */
        public Builder overwrite(boolean on) { this.overwrite = on; return this; }

        /** {@code allow_file_create}. */
        public Builder allowFileCreate(boolean on) { this.allowFileCreate = on; return this; }

        /** {@code create_on_open}. */
        public Builder createOnOpen(boolean on) { this.createOnOpen = on; return this; }

        /** {@code unlink}. */
        public Builder unlink(boolean on) { this.unlink = on; return this; }

        /** The sizes the runner gave the files ({@code filesize}). */
        public Builder fileSizes(FileSizes sizes) { this.fileSizes = Objects.requireNonNull(sizes, "sizes"); return this; }

        /** Requested depth; a SYNCHRONOUS engine gets 1, as from the runner. */
        public Builder iodepth(int iodepth) {
            if (iodepth < 1) {
                throw new IllegalArgumentException("iodepth must be at least 1");
            }
            this.iodepth = iodepth;
            return this;
        }

        public Builder bs(int bs) { return bs(bs, bs); }

        public Builder bs(int min, int max) {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("bad block sizes " + min + "-" + max);
            }
            this.minBs = min;
            this.maxBs = max;
            return this;
        }

        public Builder offset(long offset) { this.offset = offset; return this; }

        /** The job's size in bytes; {@link IoTarget#UNKNOWN_SIZE} (the default) leaves it to the target. */
        public Builder size(long size) { this.size = size; return this; }

        /** fio's {@code rw}: read/randread, write/randwrite/trim/randtrim/trimwrite, rw/randrw/readwrite. */
        public Builder rw(String mode) {
            switch (mode) {
                case "read": case "randread": reads = true; writes = false; trims = false; break;
                case "write": case "randwrite": reads = false; writes = true; trims = false; break;
                case "trim": case "randtrim": case "trimwrite": reads = false; writes = true; trims = true; break;
                case "rw": case "randrw": case "readwrite": reads = true; writes = true; trims = false; break;
                default: throw new IllegalArgumentException("unknown rw " + mode);
            }
            return this;
        }

        public Builder reads(boolean reads) { this.reads = reads; return this; }

        public Builder writes(boolean writes) { this.writes = writes; return this; }

        public Builder trims(boolean trims) { this.trims = trims; return this; }

        public Builder direct(boolean direct) { this.direct = direct; return this; }

        /** The job's {@code filename} entries (already split at ':'). */
        public Builder filenames(String... filenames) { this.filenames = List.of(filenames); return this; }

        /** One file as the job's {@code filename}. */
        public Builder filename(Path file) { return filenames(file.toString()); }

        public Builder totalJobs(int totalJobs) { this.totalJobs = totalJobs; return this; }

        /** Creates the engine through {@link IoEngineProvider#create}; no lifecycle call yet. */
        public EngineHarness build() {
            return new EngineHarness(this);
        }

        /**
         * {@link #build()} and {@link EngineHarness#start()}. When setup, init or open fails, the
         * harness cleans up (as the runner does) before the exception propagates.
         */
        public EngineHarness start() throws IOException {
            EngineHarness harness = build();
            try {
                return harness.start();
            } catch (IOException | RuntimeException | Error e) {
                try {
                    harness.close();
                } catch (IOException | RuntimeException | Error suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "EngineHarness[" + provider.name() + " " + stage + " iodepth=" + units.length + " targets=" + targets
                + " inFlight=" + inFlight + " units=" + Arrays.toString(state) + " flags=" + Set.copyOf(provider.flags()) + "]";
    }
}
