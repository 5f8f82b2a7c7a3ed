package dev.jfio.spi;

import java.nio.ByteBuffer;

/**
 * A reusable I/O request slot: fio's {@code io_u}.
 *
 * <p>The runner allocates {@code iodepth} units per job clone, once, each with a direct,
 * page-aligned buffer as large as the job's largest block size, and reuses them for every I/O,
 * so nothing is allocated per I/O. For each I/O the runner sets the unit up ({@link #prepare}) and
 * hands it to {@link IoEngine#queue}; the engine transfers {@link #length()} bytes between
 * {@link #buffer()} (from position 0) and the target, then calls {@link #complete(int)} or
 * {@link #fail(int, String)}.
 *
 * <p>Thread contract: a unit belongs to one job thread. The runner does not touch a unit between
 * handing it to {@code queue} and receiving it back (from {@code queue} as COMPLETED or through
 * {@link Completions}), so an engine may keep it in its own structures meanwhile.
 *
 * <p>Engines never create or set up units: the constructor and {@link #prepare} are protected, for
 * the runner's unit class and the engine test kit's. Every other method is final.
 */
public abstract class IoUnit {
    /** Write with Force Unit Access: durable when it completes (NBD_CMD_FLAG_FUA). */
    public static final int FLAG_FUA = 1;

    private final int index;
    private final ByteBuffer buffer;

    private IoOp op;
    private IoTarget target;
    private long offset;
    private int length;
    private int flags;

    private int result;
    private int error;
    private String errorMessage;

    private int priority;

    private long engineValue;
    private Object engineData;

    /**
     * Creates a slot. {@code index} is stable and unique among the units of one job clone
     * (0 to iodepth-1), so an engine may use it as a request cookie or array index.
     */
    protected IoUnit(int index, ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("I/O buffers must be direct");
        }
        this.index = index;
        this.buffer = buffer;
    }

    /** Runner (or test kit) only: sets up the next I/O and clears the previous result. */
    protected final void prepare(IoOp op, IoTarget target, long offset, int length, int flags) {
        this.op = op;
        this.target = target;
        this.offset = offset;
        this.length = length;
        this.flags = flags;
        this.result = 0;
        this.error = 0;
        this.errorMessage = null;
        this.priority = 0;
    }

    /** Engine: the I/O transferred {@code bytes} bytes (normally {@link #length()}; less is a short I/O). */
    public final void complete(int bytes) {
        this.result = bytes;
        this.error = 0;
        this.errorMessage = null;
    }

    /**
     * Engine: the I/O failed. {@code errno} is a positive errno value ({@link Errno#EIO} when the
     * cause has none); {@code message} says what the target answered, for example the NBD
     * server's error name and text, and may be null. The message is only kept, never formatted,
     * so passing a constant string keeps the hot path allocation-free.
     */
    public final void fail(int errno, String message) {
        this.result = 0;
        this.error = errno <= 0 ? Errno.EIO : errno;
        this.errorMessage = message;
    }

    public final int index() {
        return index;
    }

    /** The data buffer: direct, page-aligned, capacity at least the job's largest block size. */
    public final ByteBuffer buffer() {
        return buffer;
    }

    public final IoOp op() {
        return op;
    }

    public final IoTarget target() {
        return target;
    }

    public final long offset() {
        return offset;
    }

    public final int length() {
        return length;
    }

    /** Bit set of {@code FLAG_*} values. */
    public final int flags() {
        return flags;
    }

    public final boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** Bytes transferred, set by {@link #complete(int)}. */
    public final int result() {
        return result;
    }

    /** 0, or the errno set by {@link #fail}. */
    public final int error() {
        return error;
    }

    /** The engine's description of the error, or null. */
    public final String errorMessage() {
        return errorMessage;
    }

    /**
     * The I/O priority this I/O was submitted with ({@code class << 13 | level}, as Linux's ioprio
     * and fio's io_u->ioprio), which the statistics group latencies by; 0 (the job's own) unless
     * the engine set another for this I/O.
     */
    public final int priority() {
        return priority;
    }

    /** Engine: this I/O was submitted with {@code priority} (see {@link #priority()}); reset for each I/O. */
    public final void setPriority(int priority) {
        this.priority = priority;
    }

    /** A primitive slot for the engine (a submission time, a handle), untouched by the runner. */
    public final long engineValue() {
        return engineValue;
    }

    public final void setEngineValue(long engineValue) {
        this.engineValue = engineValue;
    }

    /** An object slot for the engine, untouched by the runner. */
    public final Object engineData() {
        return engineData;
    }

    public final void setEngineData(Object engineData) {
        this.engineData = engineData;
    }

    @Override
    public final String toString() {
        return "IoUnit[" + index + " " + op + " " + target + " @" + offset + "+" + length + "]";
    }
}
