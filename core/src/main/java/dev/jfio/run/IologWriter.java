package dev.jfio.run;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code write_iolog}: one job clone's iolog, in fio's version 3 format (iolog.c), appended to the
 * file as fio appends: the line {@code fio version 3 iolog}, then {@code TIME FILE add} for each
 * target, {@code TIME FILE open} and {@code TIME FILE close} as targets open and close, and
 * {@code TIME FILE read|write|trim|sync OFFSET LENGTH} for each I/O as it is queued (verify reads
 * and requeues after BUSY included, as fio's td_io_queue logs them). TIME is microseconds since
 * the log was opened. fio logs a sync with the offset its io_u last carried; jfio's is 0.
 *
 * <p>Lines are formatted into a kept byte buffer (file names encoded once, numbers by hand) and
 * written out when it fills, so logging an I/O allocates nothing. A write failure is kept and
 * reported by {@link #close()}; later lines are dropped.
 *
 * <p>Thread contract: the job thread only, from {@link #open} to {@link #close()}.
 */
final class IologWriter {
    static final String HEADER = "fio version 3 iolog";
    private static final int BUFFER = 64 * 1024;
    private static final byte[][] OPS = {bytes("read"), bytes("write"), bytes("trim"), bytes("sync")};
    private static final byte[] ADD = bytes("add");
    private static final byte[] OPEN = bytes("open");
    private static final byte[] CLOSE = bytes("close");

    private final Path path;
    private final FileChannel channel;
    private final Map<IoTarget, byte[]> names = new IdentityHashMap<>();
    private final byte[] buf = new byte[BUFFER];
    private final ByteBuffer view = ByteBuffer.wrap(buf);
    private final byte[] digits = new byte[20];
    private final long startNanos;
    private int used;
    private IOException failure;

    private IologWriter(Path path, FileChannel channel, List<IoTarget> targets) {
        this.path = path;
        this.channel = channel;
        this.startNanos = System.nanoTime();
        for (IoTarget t : targets) {
            names.put(t, bytes(t.name()));
        }
    }

    /**
     * Opens {@code file} for appending and writes the header and an "add" line per target.
     *
     * @throws IOException when the file cannot be opened
     */
    static IologWriter open(String file, List<IoTarget> targets) throws IOException {
        Path path = Path.of(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IOException("write_iolog: cannot open " + file + ": " + reason(e), e);
        }
        IologWriter w = new IologWriter(path, channel, targets);
        w.text(bytes(HEADER));
        w.newline();
        long now = System.nanoTime();
        for (IoTarget t : targets) {
            w.fileLine(now, t, ADD);
        }
        return w;
    }

    /** The target was opened at about {@code nowNanos}. */
    void opened(IoTarget target, long nowNanos) {
        fileLine(nowNanos, target, OPEN);
    }

    /** The target was closed at about {@code nowNanos}. */
    void closed(IoTarget target, long nowNanos) {
        fileLine(nowNanos, target, CLOSE);
    }

    /** The unit goes to its engine at {@code nowNanos}. Allocation-free. */
    void queued(IoUnit unit, long nowNanos) {
        byte[] name = nameOf(unit.target());
        reserve(name.length + 64);
        number(micros(nowNanos));
        space();
        text(name);
        space();
        text(OPS[unit.op().ordinal()]);
        space();
        number(unit.op() == IoOp.FLUSH ? 0 : unit.offset());
        space();
        number(unit.length());
        newline();
    }

    /**
     * Writes out what is buffered and closes the file.
     *
     * @return what went wrong writing the log (a message naming the file), or null
     */
    String close() {
        flush();
        try {
            channel.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        return failure == null ? null : "write_iolog " + path + ": " + failure.getMessage();
    }

    /** Why a file could not be opened, in words (the JDK's NoSuchFileException says only the path). */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    private void fileLine(long nowNanos, IoTarget target, byte[] action) {
        byte[] name = nameOf(target);
        reserve(name.length + 32);
        number(micros(nowNanos));
        space();
        text(name);
        space();
        text(action);
        newline();
    }

    private long micros(long nowNanos) {
        return Math.max(0, (nowNanos - startNanos) / 1000);
    }

    private byte[] nameOf(IoTarget target) {
        byte[] name = names.get(target);
        if (name == null) { // a target the engine made up after setup: encoded once
            name = bytes(target.name());
            names.put(target, name);
        }
        return name;
    }

    private void reserve(int n) {
        if (used + n > buf.length) {
            flush();
        }
    }

    private void flush() {
        if (used == 0) {
            return;
        }
        if (failure == null) {
            view.clear().limit(used);
            try {
                while (view.hasRemaining()) {
                    channel.write(view);
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        used = 0;
    }

    private void text(byte[] b) {
        int n = Math.min(b.length, buf.length - used);
        System.arraycopy(b, 0, buf, used, n);
        used += n;
    }

    private void space() {
        buf[used++] = ' ';
    }

    private void newline() {
        buf[used++] = '\n';
    }

    /** A non-negative number in decimal. */
    private void number(long v) {
        int n = 0;
        do {
            digits[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (n > 0) {
            buf[used++] = digits[--n];
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
