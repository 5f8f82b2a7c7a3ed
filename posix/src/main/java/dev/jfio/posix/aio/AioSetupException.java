package dev.jfio.posix.aio;

import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * io_setup refused to create an AIO context. The message is one line: the call, the errno, what
 * it means here and what to do about it (for EAGAIN, the system-wide limit in
 * {@code /proc/sys/fs/aio-max-nr} and how much of it is taken).
 */
public final class AioSetupException extends IOException {
    private static final long serialVersionUID = 1L;
    static final Path AIO_MAX_NR = Path.of("/proc/sys/fs/aio-max-nr");
    static final Path AIO_NR = Path.of("/proc/sys/fs/aio-nr");

    private final int errno;

    AioSetupException(int errno, int events) {
        super("io_setup(" + events + " events) failed: " + Errno.name(errno) + " (" + Errno.describe(errno) + "): "
                + meaning(errno, events));
        this.errno = errno;
    }

    /** The errno io_setup returned. Any thread. */
    public int errno() {
        return errno;
    }

    private static String meaning(int errno, int events) {
        switch (errno) {
            case Errno.EAGAIN:
                return "the system-wide limit of AIO events is reached (" + AIO_NR + " is " + read(AIO_NR) + " of "
                        + AIO_MAX_NR + " " + read(AIO_MAX_NR) + ", and this job asks for " + events
                        + " more); raise it (sysctl -w fs.aio-max-nr=1048576) or lower iodepth or numjobs";
            case Errno.ENOSYS:
                return "this kernel has no AIO (CONFIG_AIO is off) or a sandbox hides io_setup";
            case Errno.EPERM:
            case Errno.EACCES:
                return "a sandbox (seccomp or a container policy) forbids io_setup";
            case Errno.EINVAL:
                return "the kernel does not accept " + events + " events (iodepth) in one context";
            case Errno.ENOMEM:
                return "the kernel is out of memory for the completion ring; lower iodepth";
            default:
                return "the kernel refused an AIO context";
        }
    }

    private static String read(Path file) {
        try {
            // not Files.readString: on /proc/sys files (size 0) JDK 17 returns only the last byte
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? "unreadable" : lines.get(0).strip();
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }
}
