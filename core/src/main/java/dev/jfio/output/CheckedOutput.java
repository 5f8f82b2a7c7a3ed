package dev.jfio.output;

import dev.jfio.spi.Errno;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A destination of output (stdout, a report file, a log file) that remembers its first write
 * failure instead of losing it: writes never throw, so a report is formatted to the end, and
 * {@link #reportFailure} then turns the failure into one line such as
 * {@code jfio: cannot write the report to /dev/full: No space left on device (ENOSPC)}.
 * After a failure, further writes are dropped. Not thread-safe: callers that write from several
 * threads (the report and --status-interval) synchronize on the {@link PrintStream} over it.
 */
public final class CheckedOutput extends OutputStream {
    private static final int BUFFER = 64 * 1024;

    private final String name;
    private final OutputStream target;
    private final PrintStream checkedPrintStream;
    private IOException failure;
    private boolean reported;

    private CheckedOutput(String name, OutputStream target, PrintStream checkedPrintStream) {
        this.name = name;
        this.target = target;
        this.checkedPrintStream = checkedPrintStream;
    }

    /**
     * The process's standard output (file descriptor 1), written directly rather than through
     * {@link System#out}, whose PrintStream keeps only a flag and drops the errno. The JVM ignores
     * SIGPIPE, so a reader that went away shows up here as EPIPE.
     */
    public static CheckedOutput stdout() {
        return new CheckedOutput(
                "stdout", new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER), null);
    }

    /**
     * Creates (or truncates) {@code file} for writing.
     *
     * @throws IOException when the file cannot be opened; the caller says so, as nothing was written yet
     */
    public static CheckedOutput create(Path file) throws IOException {
        return new CheckedOutput(file.toString(), new BufferedOutputStream(Files.newOutputStream(file), BUFFER), null);
    }

    /**
     * Output to a PrintStream the caller owns (an in-process run's stdout): a PrintStream keeps no
     * reason for its failures, so the failure reads "write error".
     */
    public static CheckedOutput of(String name, PrintStream stream) {
        return new CheckedOutput(name, stream, stream);
    }

    /** A UTF-8 PrintStream over this output, flushed only when asked. */
    public PrintStream printStream() {
        return new PrintStream(this, false, StandardCharsets.UTF_8);
    }

    /** What this output is called in messages: "stdout" or the file's path. */
    public String name() {
        return name;
    }

    @Override
    public void write(int b) {
        if (failure == null) {
            try {
                target.write(b);
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (failure == null) {
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    @Override
    public void flush() {
        if (failure == null) {
            try {
                target.flush();
            } catch (IOException e) {
                failure = e;
            }
            checkPrintStream();
        }
    }

    /** Flushes and closes the destination: for files; stdout and a caller's PrintStream are only flushed. */
    @Override
    public void close() {
        flush();
        try {
            target.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    private void checkPrintStream() {
        if (checkedPrintStream != null && failure == null && checkedPrintStream.checkError()) {
            failure = new IOException("write error");
        }
    }

    /** Whether a write, flush or close has failed. */
    public boolean failed() {
        return failure != null;
    }

    /**
     * Flushes, then reports a failure once: one line on {@code err} naming what was written and
     * where, with the reason and errno.
     *
     * @param what what the output held, for the message: "the report", "the bandwidth log"
     * @return 0 when every write succeeded, else 1 (the exit status of a lost report)
     */
    public int reportFailure(PrintStream err, String what) {
        flush();
        if (failure == null) {
            return 0;
        }
        if (!reported) {
            reported = true;
            err.println("jfio: cannot write " + what + " to " + name + ": " + reason(failure));
            err.flush();
        }
        return 1;
    }

    /** An I/O failure as strerror text and errno name: "No space left on device (ENOSPC)". */
    public static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int errno = Errno.of(e, 0);
        return errno == 0 ? message : message + " (" + Errno.name(errno) + ")";
    }
}
