package dev.jfio.spi;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Linux errno values, their symbolic names and glibc's {@code strerror} texts: the one errno
 * table of jfio (a test keeps it the only one). Engines report failed I/O with these values
 * ({@link IoUnit#fail}); {@link #of(Throwable, int)} recovers the errno behind a JDK
 * {@link java.io.IOException}, whose message carries the {@code strerror} text but not the number.
 * Stateless; safe from any thread.
 */
public final class Errno {
    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Input/output error: fio's non-fatal error, and the default for a failed I/O. */
    public static final int EIO = 5;
    /** No such device or address. */
    public static final int ENXIO = 6;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Resource temporarily unavailable. */
    public static final int EAGAIN = 11;
    /** Cannot allocate memory. */
    public static final int ENOMEM = 12;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Bad address. */
    public static final int EFAULT = 14;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** File exists. */
    public static final int EEXIST = 17;
    /** No such device. */
    public static final int ENODEV = 19;
    /** Not a directory. */
    public static final int ENOTDIR = 20;
    /** Is a directory. */
    public static final int EISDIR = 21;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Too many open files in system. */
    public static final int ENFILE = 23;
    /** Too many open files (the process's RLIMIT_NOFILE). */
    public static final int EMFILE = 24;
    /** Text file busy. */
    public static final int ETXTBSY = 26;
    /** File too large. */
    public static final int EFBIG = 27;
    /** No space left on device. */
    public static final int ENOSPC = 28;
    /** Illegal seek: a positional read or write on a pipe, FIFO or socket. */
    public static final int ESPIPE = 29;
    /** Read-only file system. */
    public static final int EROFS = 30;
    /** Broken pipe. */
    public static final int EPIPE = 32;
    /** File name too long. */
    public static final int ENAMETOOLONG = 36;
    /** Function not implemented (a system call the kernel lacks). */
    public static final int ENOSYS = 38;
    /** Directory not empty. */
    public static final int ENOTEMPTY = 39;
    /** Too many levels of symbolic links. */
    public static final int ELOOP = 40;
    /** No data available. */
    public static final int ENODATA = 61;
    /** Timer expired: what io_uring_enter answers when its wait for completions timed out. */
    public static final int ETIME = 62;
    /** Protocol error. */
    public static final int EPROTO = 71;
    /** Value too large for defined data type. */
    public static final int EOVERFLOW = 75;
    /** Invalid or incomplete multibyte or wide character: fio's errno for a verify failure. */
    public static final int EILSEQ = 84;
    /** Operation not supported (EOPNOTSUPP, the same value on Linux). */
    public static final int ENOTSUP = 95;
    /** Connection reset by peer. */
    public static final int ECONNRESET = 104;
    /** Transport endpoint is not connected. */
    public static final int ENOTCONN = 107;
    /** Cannot send after transport endpoint shutdown. */
    public static final int ESHUTDOWN = 108;
    /** Connection timed out. */
    public static final int ETIMEDOUT = 110;
    /** Connection refused. */
    public static final int ECONNREFUSED = 111;
    /** No route to host. */
    public static final int EHOSTUNREACH = 113;
    /** Operation now in progress (aio_error of a request still running). */
    public static final int EINPROGRESS = 115;
    /** Stale file handle. */
    public static final int ESTALE = 116;
    /** Remote I/O error. */
    public static final int EREMOTEIO = 121;
    /** Disk quota exceeded. */
    public static final int EDQUOT = 122;
    /** No medium found. */
    public static final int ENOMEDIUM = 123;
    /** Operation canceled. */
    public static final int ECANCELED = 125;

    /** Values above the largest Linux errno (133) have no name or text. */
    private static final int LIMIT = 134;

    private static final String[] NAMES = new String[LIMIT];
    private static final String[] TEXTS = new String[LIMIT];

    static {
        define(1, "EPERM", "Operation not permitted");
        define(2, "ENOENT", "No such file or directory");
        define(3, "ESRCH", "No such process");
        define(4, "EINTR", "Interrupted system call");
        define(5, "EIO", "Input/output error");
        define(6, "ENXIO", "No such device or address");
        define(7, "E2BIG", "Argument list too long");
        define(8, "ENOEXEC", "Exec format error");
        define(9, "EBADF", "Bad file descriptor");
        define(10, "ECHILD", "No child processes");
        define(11, "EAGAIN", "Resource temporarily unavailable");
        define(12, "ENOMEM", "Cannot allocate memory");
        define(13, "EACCES", "Permission denied");
        define(14, "EFAULT", "Bad address");
        define(15, "ENOTBLK", "Block device required");
        define(16, "EBUSY", "Device or resource busy");
        define(17, "EEXIST", "File exists");
        define(18, "EXDEV", "Invalid cross-device link");
        define(19, "ENODEV", "No such device");
        define(20, "ENOTDIR", "Not a directory");
        define(21, "EISDIR", "Is a directory");
        define(22, "EINVAL", "Invalid argument");
        define(23, "ENFILE", "Too many open files in system");
        define(24, "EMFILE", "Too many open files");
        define(25, "ENOTTY", "Inappropriate ioctl for device");
        define(26, "ETXTBSY", "Text file busy");
        define(27, "EFBIG", "File too large");
        define(28, "ENOSPC", "No space left on device");
        define(29, "ESPIPE", "Illegal seek");
        define(30, "EROFS", "Read-only file system");
        define(31, "EMLINK", "Too many links");
        define(32, "EPIPE", "Broken pipe");
        define(33, "EDOM", "Numerical argument out of domain");
        define(34, "ERANGE", "Numerical result out of range");
        define(35, "EDEADLK", "Resource deadlock avoided");
        define(36, "ENAMETOOLONG", "File name too long");
        define(37, "ENOLCK", "No locks available");
        define(38, "ENOSYS", "Function not implemented");
        define(39, "ENOTEMPTY", "Directory not empty");
        define(40, "ELOOP", "Too many levels of symbolic links");
        define(42, "ENOMSG", "No message of desired type");
        define(61, "ENODATA", "No data available");
        define(62, "ETIME", "Timer expired");
        define(67, "ENOLINK", "Link has been severed");
        define(71, "EPROTO", "Protocol error");
        define(74, "EBADMSG", "Bad message");
        define(75, "EOVERFLOW", "Value too large for defined data type");
        define(84, "EILSEQ", "Invalid or incomplete multibyte or wide character");
        define(88, "ENOTSOCK", "Socket operation on non-socket");
        define(90, "EMSGSIZE", "Message too long");
        define(93, "EPROTONOSUPPORT", "Protocol not supported");
        define(95, "EOPNOTSUPP", "Operation not supported");
        define(97, "EAFNOSUPPORT", "Address family not supported by protocol");
        define(98, "EADDRINUSE", "Address already in use");
        define(99, "EADDRNOTAVAIL", "Cannot assign requested address");
        define(100, "ENETDOWN", "Network is down");
        define(101, "ENETUNREACH", "Network is unreachable");
        define(102, "ENETRESET", "Network dropped connection on reset");
        define(103, "ECONNABORTED", "Software caused connection abort");
        define(104, "ECONNRESET", "Connection reset by peer");
        define(105, "ENOBUFS", "No buffer space available");
        define(106, "EISCONN", "Transport endpoint is already connected");
        define(107, "ENOTCONN", "Transport endpoint is not connected");
        define(108, "ESHUTDOWN", "Cannot send after transport endpoint shutdown");
        define(110, "ETIMEDOUT", "Connection timed out");
        define(111, "ECONNREFUSED", "Connection refused");
        define(112, "EHOSTDOWN", "Host is down");
        define(113, "EHOSTUNREACH", "No route to host");
        define(114, "EALREADY", "Operation already in progress");
        define(115, "EINPROGRESS", "Operation now in progress");
        define(116, "ESTALE", "Stale file handle");
        define(121, "EREMOTEIO", "Remote I/O error");
        define(122, "EDQUOT", "Disk quota exceeded");
        define(123, "ENOMEDIUM", "No medium found");
        define(124, "EMEDIUMTYPE", "Wrong medium type");
        define(125, "ECANCELED", "Operation canceled");
    }

    private Errno() {}

    private static void define(int errno, String name, String text) {
        NAMES[errno] = name;
        TEXTS[errno] = text;
    }

    /** The symbolic name ("EIO"), or "errno N" for values not in the table. Any thread. */
    public static String name(int errno) {
        String name = errno > 0 && errno < LIMIT ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }

    /** The errno of a symbolic name ("ENOSPC"), or 0 when the table has no such name. Any thread. */
    public static int byName(String name) {
        for (int errno = 1; errno < LIMIT; errno++) {
            if (name.equals(NAMES[errno])) {
                return errno;
            }
        }
        return 0;
    }

    /** glibc's {@code strerror} text ("Input/output error"); "Success" for 0. Any thread. */
    public static String describe(int errno) {
        if (errno == 0) {
            return "Success";
        }
        String text = errno > 0 && errno < LIMIT ? TEXTS[errno] : null;
        return text != null ? text : "Unknown error " + errno;
    }

    /** "EIO (Input/output error)": the name with its text, for messages. Any thread. */
    public static String nameAndText(int errno) {
        return name(errno) + " (" + describe(errno) + ")";
    }

    /**
     * The errno behind an exception, or {@code fallback} when none shows. The JDK turns a failed
     * system call into an {@link java.io.IOException} whose message (or
     * {@link FileSystemException#getReason() reason}) is the {@code strerror} text, and a few errno
     * values into exceptions of their own ({@link NoSuchFileException} for ENOENT); this reads
     * either, along the cause chain, so "Too many open files" is EMFILE and never EIO. Any thread.
     */
    public static int of(Throwable e, int fallback) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            String text = t instanceof FileSystemException ? ((FileSystemException) t).getReason() : t.getMessage();
            int errno = fromText(text);
            if (errno == 0 && t instanceof FileSystemException) {
                errno = fromText(t.getMessage());
            }
            if (errno == 0) {
                errno = fromType(t);
            }
            if (errno != 0) {
                return errno;
            }
        }
        return fallback;
    }

    /**
     * The errno whose {@code strerror} text the message contains (the longest such text, so "Too
     * many open files in system" is ENFILE), or 0 when none does. Any thread.
     */
    public static int fromText(String message) {
        if (message == null || message.isEmpty()) {
            return 0;
        }
        int found = 0;
        int foundLength = 0;
        for (int errno = 1; errno < LIMIT; errno++) {
            String text = TEXTS[errno];
            if (text != null && text.length() > foundLength && message.contains(text)) {
                found = errno;
                foundLength = text.length();
            }
        }
        if (found == 0 && message.contains("Connection reset")) {
            return ECONNRESET; // the JDK's own text for a socket's ECONNRESET
        }
        return found;
    }

    /** The errno of the JDK exceptions that stand for one (their message names only the file). */
    private static int fromType(Throwable t) {
        if (t instanceof NoSuchFileException) {
            return ENOENT;
        }
        if (t instanceof AccessDeniedException) {
            return EACCES;
        }
        if (t instanceof FileAlreadyExistsException) {
            return EEXIST;
        }
        if (t instanceof NotDirectoryException) {
            return ENOTDIR;
        }
        if (t instanceof DirectoryNotEmptyException) {
            return ENOTEMPTY;
        }
        if (t instanceof FileSystemLoopException) {
            return ELOOP;
        }
        if (t instanceof SocketTimeoutException || t instanceof InterruptedByTimeoutException) {
            return ETIMEDOUT;
        }
        if (t instanceof InterruptedIOException) {
            return EINTR;
        }
        return 0;
    }
}
