package dev.jfio.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;

/**
 * One log file being written: text lines of comma-separated numbers, as fio's {@code flush_samples}
 * prints them, or, with {@code log_store_compressed}, fio's {@code .log.fz}: its binary samples
 * ({@code struct io_sample}, little-endian: time, value, direction with fio's flag bits, priority,
 * block size, and the offset with {@code log_offset}) in zlib streams of at most
 * {@code log_compression} bytes of whole samples each, which fio's and jfio's {@code --inflate-log}
 * turn into text. Several job clones may share one (per_job_logs=0).
 *
 * <p>Thread contract: opened on the main thread before the jobs start; then written and closed by
 * the {@link LogWriter} thread alone. Appending a line allocates nothing.
 */
final class LogOutput {
    private static final int BUFFER = 64 * 1024;

    final Path path;
    private final FileChannel channel;
    private final byte[] text = new byte[BUFFER];
    private int textLength;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER);
    /** Null unless the file holds zlib chunks. */
    private final Deflater deflater;

    private final byte[] deflated;
    private final int chunk;
    private int chunkFill;
    private IOException failure;

    private LogOutput(Path path, FileChannel channel, int compressionChunk) {
        this.path = path;
        this.channel = channel;
        this.chunk = compressionChunk;
        this.deflater = compressionChunk > 0 ? new Deflater() : null;
        this.deflated = compressionChunk > 0 ? new byte[BUFFER] : null;
    }

    /** An output no writer ever writes: for logs whose entries are only dropped ({@link LogProfiles}). */
    static LogOutput unwritten() {
        return new LogOutput(null, null, 0);
    }

    /**
     * Creates (or truncates) the file now, so that a path that cannot be written fails before the
     * job starts.
     *
     * @param compressionChunk bytes of text per zlib stream, or 0 for a text file
     */
    static LogOutput open(Path path, int compressionChunk) throws IOException {
        FileChannel ch = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new LogOutput(path, ch, compressionChunk);
    }

    /** Room for one line of at most {@code n} bytes. */
    private void reserve(int n) {
        if (textLength + n > text.length) {
            flushText();
        }
    }

    /** Whether the file holds fio's compressed binary samples rather than text. */
    boolean binary() {
        return deflater != null;
    }

    /**
     * One sample of a {@code .log.fz}: fio's {@code struct io_sample} (32 bytes) or
     * {@code struct io_sample_offset} (40).
     */
    void sample(long time, long value, long dir, long bs, long offset, boolean withOffset, boolean prio) {
        int size = withOffset ? SAMPLE_WITH_OFFSET : SAMPLE;
        if (chunkFill + textLength + size > chunk) {
            flushText();
            finishChunk(); // a zlib stream holds whole samples: fio's inflate formats each stream alone
        } else if (textLength + size > text.length) {
            flushText();
        }
        putLong(time);
        putLong(value);
        long flags = (withOffset ? OFFSET_BIT : 0) | (prio ? PRIO_BIT : 0);
        putInt((int) (dir | flags));
        putInt(0); // priority (jfio sets none) and padding
        putLong(bs);
        if (withOffset) {
            putLong(offset);
        }
    }

    static final int SAMPLE = 32;
    static final int SAMPLE_WITH_OFFSET = 40;
    static final long OFFSET_BIT = 0x80000000L;
    static final long PRIO_BIT = 0x40000000L;

    private void putLong(long v) {
        putInt((int) v);
        putInt((int) (v >>> 32));
    }

    private void putInt(int v) {
        text[textLength++] = (byte) v;
        text[textLength++] = (byte) (v >>> 8);
        text[textLength++] = (byte) (v >>> 16);
        text[textLength++] = (byte) (v >>> 24);
    }

    /** Starts a line with its first number. */
    void first(long v) {
        reserve(64 * 8);
        appendLong(v);
    }

    /** Starts a long line (a histogram row of up to {@code columns} numbers). */
    void firstOfMany(long v, int columns) {
        reserve(Math.min(text.length, 24 * (columns + 4)));
        appendLong(v);
    }

    /** ", v". */
    void next(long v) {
        text[textLength++] = ',';
        text[textLength++] = ' ';
        appendLong(v);
    }

    /** ", 0x%04x" (fio's priority column with log_prio). */
    void nextHex4(int v) {
        text[textLength++] = ',';
        text[textLength++] = ' ';
        text[textLength++] = '0';
        text[textLength++] = 'x';
        for (int shift = 12; shift >= 0; shift -= 4) {
            text[textLength++] = (byte) Character.forDigit((v >>> shift) & 0xf, 16);
        }
    }

    void endLine() {
        text[textLength++] = '\n';
    }

    private void appendLong(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                v = Long.MAX_VALUE; // never a log value; keeps the digits loop simple
            } else {
                text[textLength++] = '-';
                v = -v;
            }
        }
        int start = textLength;
        do {
            text[textLength++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = textLength - 1; i < j; i++, j--) {
            byte t = text[i];
            text[i] = text[j];
            text[j] = t;
        }
    }

    /** Moves the buffered text to the file (compressing it when the file holds zlib chunks). */
    private void flushText() {
        if (textLength == 0) {
            return;
        }
        if (deflater == null) {
            write(text, 0, textLength);
        } else {
            deflater.setInput(text, 0, textLength);
            while (!deflater.needsInput()) {
                drainDeflater(Deflater.NO_FLUSH);
            }
            chunkFill += textLength;
        }
        textLength = 0;
    }

    private void finishChunk() {
        if (chunkFill == 0) {
            return;
        }
        deflater.finish();
        while (!deflater.finished()) {
            drainDeflater(Deflater.NO_FLUSH);
        }
        deflater.reset();
        chunkFill = 0;
    }

    private void drainDeflater(int flush) {
        int n = deflater.deflate(deflated, 0, deflated.length, flush);
        if (n > 0) {
            write(deflated, 0, n);
        }
    }

    private void write(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, out.remaining());
            out.put(b, off, n);
            off += n;
            len -= n;
            if (!out.hasRemaining()) {
                writeOut();
            }
        }
    }

    private void writeOut() {
        out.flip();
        try {
            while (out.hasRemaining() && failure == null) {
                channel.write(out);
            }
        } catch (IOException e) {
            failure = e;
        }
        out.clear();
    }

    /** Writes what is buffered (a last partial zlib chunk included) and closes the file. */
    void close() throws IOException {
        flushText();
        if (deflater != null) {
            if (chunkFill > 0) {
                finishChunk();
            }
            deflater.end();
        }
        writeOut();
        channel.close();
        if (failure != null) {
            throw failure;
        }
    }
}
