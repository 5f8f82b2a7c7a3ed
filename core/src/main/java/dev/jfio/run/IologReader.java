package dev.jfio.run;

import dev.jfio.spi.IoOp;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads fio's text iologs line by line (iolog.c's read_iolog): version 2 ({@code FILE ACTION} and
 * {@code FILE ACTION OFFSET LENGTH}) and version 3 (each line led by a timestamp in microseconds).
 * File actions are add, open and close; I/O actions read, write, trim, sync, datasync and, in
 * version 2 only, wait. A blktrace binary trace and fio's long-gone version 1 are refused. Parses
 * from a kept byte buffer into the fields below without allocating, so a chunked replay reads its
 * log as it goes at no cost per I/O; a malformed line is an IOException naming the log and line
 * (fio prints such a line and skips it).
 *
 * <p>Thread contract: one thread at a time (the runner's main thread for the scan before the job
 * starts, the job thread for a chunked replay).
 */
final class IologReader implements Closeable {
    static final int ADD = 0;
    static final int OPEN = 1;
    static final int CLOSE = 2;
    static final int IO = 3;
    static final int WAIT = 4;

    private static final int BLKTRACE_MAGIC = 0x65617400;
    private static final byte[][] ACTIONS = {
        bytes("add"),
        bytes("open"),
        bytes("close"),
        bytes("read"),
        bytes("write"),
        bytes("trim"),
        bytes("sync"),
        bytes("datasync"),
        bytes("wait")
    };
    private static final int MAX_FIELDS = 6;

    private final InputStream in;
    private final String source;
    /** 2 or 3. */
    final int version;

    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private final byte[] line = new byte[8192];
    private int lineLength;
    private long lineNumber = 1;
    private final int[] starts = new int[MAX_FIELDS];
    private final int[] ends = new int[MAX_FIELDS];

    /** The line read by {@link #next()}: its kind ({@link #ADD} ... {@link #WAIT}). */
    int kind;
    /** An I/O line's op (datasync is a sync: {@link IoOp#FLUSH}). */
    IoOp op;
    /** Version 3: the line's timestamp in microseconds; 0 in version 2. */
    long time;

    long offset;
    long length;
    /** The replay's reading state: the previous line's timestamp, and the gap of dropped lines carried to the next kept one. */
    long lastTime;

    long carried;
    /** Where the file name is in {@link #line}. */
    private int nameStart;

    private int nameEnd;

    private IologReader(InputStream in, String source, int version) {
        this.in = in;
        this.source = source;
        this.version = version;
    }

    /**
     * Opens a log ("-" for standard input) and reads its version line.
     *
     * @throws IOException when it cannot be read, or is not a fio iolog of version 2 or 3
     */
    static IologReader open(String file) throws IOException {
        InputStream in;
        try {
            in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new IOException("read_iolog: cannot open " + file + ": " + IologWriter.reason(e), e);
        }
        byte[] head = new byte[256];
        int n = 0;
        int r;
        while (n < head.length && (r = in.read(head, n, 1)) > 0) {
            n += r;
            if (head[n - 1] == '\n') {
                break;
            }
        }
        String first = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        int version = first.startsWith("fio version 2 iolog") ? 2 : first.startsWith("fio version 3 iolog") ? 3 : 0;
        if (version == 0) {
            if (!file.equals("-")) {
                in.close();
            }
            throw new IOException(
                    n >= 4 && isBlktrace(head)
                            ? "read_iolog " + file + " is a blktrace binary trace: jfio replays fio's text iologs"
                                    + " (versions 2 and 3) only"
                            : "read_iolog " + file + " is not a fio iolog: its first line must be 'fio version 2 iolog'"
                                    + " or 'fio version 3 iolog' (fio no longer reads version 1 either)");
        }
        return new IologReader(in, file, version);
    }

    private static boolean isBlktrace(byte[] b) {
        int le = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
        return (le & 0xffffff00) == BLKTRACE_MAGIC || (Integer.reverseBytes(le) & 0xffffff00) == BLKTRACE_MAGIC;
    }

    /**
     * Reads the next line (blank lines are passed over).
     *
     * @return false at the end of the log
     * @throws IOException for a line fio would not replay, naming the log and the line
     */
    boolean next() throws IOException {
        int fields;
        do {
            if (!readLine()) {
                return false;
            }
            fields = split();
        } while (fields == 0);
        int f = 0;
        time = 0;
        if (version == 3) {
            time = number(f++, "timestamp");
        }
        nameStart = starts[f];
        nameEnd = ends[f++];
        int action = action(f++);
        int rest = fields - f;
        if (action <= 2) {
            if (rest != 0) {
                throw bad("'" + field(f - 1) + "' takes no offset and length");
            }
            kind = action;
            return true;
        }
        if (rest != 2) {
            throw bad("'" + field(f - 1) + "' needs an offset and a length");
        }
        if (action == 8) {
            if (version == 3) {
                throw bad("wait is not allowed in version 3 (its timestamps pace the replay)");
            }
            kind = WAIT;
        } else {
            kind = IO;
            op = action == 3 ? IoOp.READ : action == 4 ? IoOp.WRITE : action == 5 ? IoOp.TRIM : IoOp.FLUSH;
        }
        offset = number(f++, "offset");
        length = number(f, "length");
        if (kind == IO && op != IoOp.FLUSH && (length <= 0 || length > Integer.MAX_VALUE)) {
            throw bad("length must be 1.." + Integer.MAX_VALUE + ", got " + length);
        }
        return true;
    }

    /** Whether the current line's file name is {@code name} (UTF-8). Allocation-free. */
    boolean nameIs(byte[] name) {
        return Arrays.equals(line, nameStart, nameEnd, name, 0, name.length);
    }

    /** The current line's file name. */
    String name() {
        return new String(line, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
    }

    /** An error about the current line: "read_iolog FILE:LINE: what". */
    IOException bad(String what) {
        return new IOException("read_iolog " + source + ":" + lineNumber + ": " + what);
    }

    @Override
    public void close() throws IOException {
        if (in != System.in) {
            in.close();
        }
    }

    private boolean readLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    if (any) {
                        lineNumber++;
                    }
                    return any;
                }
            }
            byte b = buf[pos++];
            any = true;
            if (b == '\n') {
                lineNumber++;
                return true;
            }
            if (lineLength == line.length) {
                lineNumber++;
                throw bad("line longer than " + line.length + " bytes");
            }
            line[lineLength++] = b;
        }
    }

    /** Splits the line at blanks; returns the number of fields. */
    private int split() throws IOException {
        int n = 0;
        int i = 0;
        while (i < lineLength) {
            while (i < lineLength && blank(line[i])) {
                i++;
            }
            if (i == lineLength) {
                break;
            }
            if (n == MAX_FIELDS) {
                throw bad("too many fields");
            }
            starts[n] = i;
            while (i < lineLength && !blank(line[i])) {
                i++;
            }
            ends[n++] = i;
        }
        int least = version == 3 ? 3 : 2;
        if (n > 0 && n < least) {
            throw bad("expected " + (version == 3 ? "TIMESTAMP " : "") + "FILE ACTION [OFFSET LENGTH]");
        }
        return n;
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private int action(int f) throws IOException {
        for (int a = 0; a < ACTIONS.length; a++) {
            if (Arrays.equals(line, starts[f], ends[f], ACTIONS[a], 0, ACTIONS[a].length)) {
                return a;
            }
        }
        throw bad("unknown action '" + field(f) + "' (fio's iolog actions: add, open, close, read, write, trim,"
                + " sync, datasync" + (version == 2 ? ", wait)" : ")"));
    }

    private long number(int f, String what) throws IOException {
        long v = 0;
        if (starts[f] == ends[f]) {
            throw bad(what + " missing");
        }
        for (int i = starts[f]; i < ends[f]; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                throw bad(what + " '" + field(f) + "' is not a number of at most 63 bits");
            }
            v = v * 10 + d;
        }
        return v;
    }

    private String field(int f) {
        return new String(line, starts[f], ends[f] - starts[f], StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
