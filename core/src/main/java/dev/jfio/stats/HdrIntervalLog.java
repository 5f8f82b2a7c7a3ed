package dev.jfio.stats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * One job clone's HdrHistogram interval log ({@code write_hdr_log}): a file in HdrHistogram's log
 * format (start time, base time, legend, then one line per interval and tag, such as
 * {@code Tag=read.clat}), which HdrHistogram's {@code HistogramLogReader} and
 * {@code HistogramLogProcessor} read. Values are nanoseconds; the max column is in milliseconds.
 *
 * <p>Thread contract: the job thread hands over intervals with {@link #start} and {@link #offer},
 * which copy into one of a few preallocated frames and allocate nothing; a writer thread of its
 * own encodes and writes them. Single producer, single consumer: the frames are a ring whose
 * published and consumed counts are the only shared state. {@link #close} (any thread, once the job
 * thread offers no more) writes what is left and closes the file.
 */
public final class HdrIntervalLog implements AutoCloseable {
    /** Frames in the ring: the job thread keeps accumulating when the writer is behind by as many. */
    private static final int FRAMES = 2;

    private static final long WRITER_PARK_NANOS = 20_000_000L;
    private static final double NANOS_PER_MILLI = 1e6;

    private final Path file;
    private final OutputStream stream;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final List<String> tags;
    private final Histogram[][] frames;
    private final long[] frameStart = new long[FRAMES];
    private final long[] frameEnd = new long[FRAMES];
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    /**
     * The writer thread's copy of the histogram it encodes: HdrHistogram keeps encoding buffers
     * (twice a histogram's size) in each histogram it encodes, so encoding one copy rather than
     * every frame's histograms keeps that memory to one set, allocated up front.
     */
    private final Histogram encoder = LatencyRecorder.newIntervalHistogram(LatencyRecorder.SIGNIFICANT_DIGITS);

    private ByteBuffer encoded;
    private byte[] base64 = new byte[0];
    private final StringBuilder text = new StringBuilder(128);
    private final Thread thread;
    private volatile boolean closing;
    private volatile IOException failure;

    private long zeroNanos;
    private long startEpochMillis;
    private boolean started;

    /**
     * Creates (truncates) the file and starts the writer thread. Caller's thread.
     *
     * @param tags one per histogram that {@link #offer} hands over, in that order ("read.clat")
     * @throws IOException when the file cannot be created
     */
    public HdrIntervalLog(Path file, List<String> tags, String threadName) throws IOException {
        this.file = file;
        this.tags = List.copyOf(tags);
        this.stream = new BufferedOutputStream(Files.newOutputStream(file));
        this.out = new PrintStream(stream, false, StandardCharsets.UTF_8);
        this.writer = new HistogramLogWriter(out);
        this.frames = new Histogram[FRAMES][tags.size()];
        for (Histogram[] frame : frames) {
            for (int s = 0; s < frame.length; s++) {
                frame[s] = LatencyRecorder.newIntervalHistogram(LatencyRecorder.SIGNIFICANT_DIGITS);
            }
        }
        this.encoded = ByteBuffer.allocate(encoder.getNeededByteBufferCapacity());
        encoder.encodeIntoCompressedByteBuffer(encoded, Deflater.BEST_COMPRESSION);
        base64();
        this.thread = new Thread(this::writeLoop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Where the log goes. */
    public Path file() {
        return file;
    }

    /** The tags, in the order {@link #offer} hands histograms over. */
    List<String> tags() {
        return tags;
    }

    /** The log's time zero: the first time measuring begins. Job thread; later calls do nothing. */
    void start(long nowNanos) {
        if (!started) {
            started = true;
            zeroNanos = nowNanos;
            startEpochMillis = System.currentTimeMillis();
        }
    }

    /**
     * Hands one interval over: a copy of each histogram goes into a free frame. Allocation-free
     * unless a histogram grew. Job thread.
     *
     * @param histograms one per tag
     * @return false when every frame is still waiting to be written: nothing was taken, offer the
     *     same interval (or more) again later
     */
    boolean offer(Histogram[] histograms, long startNanos, long endNanos) {
        long p = published.get();
        if (p - consumed.get() >= FRAMES) {
            return false;
        }
        int f = (int) (p % FRAMES);
        Histogram[] frame = frames[f];
        for (int s = 0; s < frame.length; s++) {
            frame[s].reset();
            frame[s].add(histograms[s]);
        }
        frameStart[f] = startNanos - zeroNanos;
        frameEnd[f] = endNanos - zeroNanos;
        published.lazySet(p + 1); // release: the frame's contents are visible to the writer first
        return true;
    }

    /** Waits (up to a second) until {@link #offer} can take an interval. Job thread, at the job's end only. */
    boolean awaitFreeFrame() {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (published.get() - consumed.get() >= FRAMES) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(1_000_000L);
        }
        return true;
    }

    private void writeLoop() {
        boolean headerDone = false;
        long c = consumed.get();
        while (true) {
            boolean last = closing;
            long p = published.get();
            while (c < p) {
                if (!headerDone) {
                    writer.outputStartTime(startEpochMillis);
                    writer.setBaseTime(startEpochMillis);
                    writer.outputBaseTime(startEpochMillis);
                    writer.outputLegend();
                    headerDone = true;
                }
                int f = (int) (c % FRAMES);
                for (int s = 0; s < tags.size(); s++) {
                    if (frames[f][s].getTotalCount() > 0) {
                        line(tags.get(s), frameStart[f], frameEnd[f], frames[f][s]);
                    }
                }
                c++;
                consumed.lazySet(c);
            }
            if (last) {
                break;
            }
            LockSupport.parkNanos(this, WRITER_PARK_NANOS);
        }
        try {
            if (!headerDone) {
                writer.outputComment("no interval was measured");
            }
            out.flush();
            boolean lost = out.checkError();
            stream.close();
            if (lost) {
                failure = new IOException("cannot write " + file);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /**
     * One interval line, as HistogramLogWriter writes it: tag, start and length in seconds, max in
     * ms, the histogram compressed and in base64. Written without formatting or String objects, into
     * buffers kept from line to line: the garbage per line (HdrHistogram's Deflater) stays small
     * enough that a log adds no garbage collection to a run (ci/gc-check.sh, case null-hdr).
     */
    private void line(String tag, long startNanos, long endNanos, Histogram h) {
        encoder.reset();
        encoder.add(h);
        if (encoded.capacity() < encoder.getNeededByteBufferCapacity()) {
            encoded = ByteBuffer.allocate(encoder.getNeededByteBufferCapacity());
        }
        encoded.clear();
        int length = encoder.encodeIntoCompressedByteBuffer(encoded, Deflater.BEST_COMPRESSION);
        text.setLength(0);
        text.append("Tag=").append(tag).append(',');
        thousandths(text, Math.round(startNanos / 1e6)).append(',');
        thousandths(text, Math.round((endNanos - startNanos) / 1e6)).append(',');
        thousandths(text, Math.round(encoder.getMaxValue() / 1e3)).append(',');
        for (int i = 0; i < text.length(); i++) {
            out.write(text.charAt(i));
        }
        out.write(base64, 0, Base64Text.encode(encoded.array(), length, base64()));
        out.write('\n');
    }

    private byte[] base64() {
        int needed = Base64Text.encodedLength(encoded.capacity());
        if (base64.length < needed) {
            base64 = new byte[needed];
        }
        return base64;
    }

    /** {@code v} thousandths as "units.ttt" (C's %.3f of v / 1000). */
    private static StringBuilder thousandths(StringBuilder sb, long v) {
        sb.append(v / 1000).append('.');
        long t = v % 1000;
        if (t < 100) {
            sb.append('0');
        }
        if (t < 10) {
            sb.append('0');
        }
        return sb.append(t);
    }

    /**
     * Writes what was handed over and closes the file. Any thread, after the job thread's last
     * {@link #offer}; idempotent.
     *
     * @throws IOException when writing the file failed
     */
    @Override
    public void close() throws IOException {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + file, e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
