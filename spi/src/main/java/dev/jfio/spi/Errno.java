package dev.jfio.spi;

/**
 * Linux errno values, their symbolic names and glibc's {@code strerror} texts: the one table of
 * errno in jfio. Engines report failed I/O with these values ({@link IoUnit#fail}). Stateless;
 * safe from any thread.
 */
public final class Errno {
    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Input/output error: the default for a failed I/O. */
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
    /** Is a directory. */
    public static final int EISDIR = 21;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Too many open files. */
    public static final int EMFILE = 24;
    /** File too large. */
    public static final int EFBIG = 27;
    /** No space left on device. */
    public static final int ENOSPC = 28;
    /** Illegal seek. */
    public static final int ESPIPE = 29;
    /** Read-only file system. */
    public static final int EROFS = 30;
    /** Broken pipe. */
    public static final int EPIPE = 32;
    /** Function not implemented (a system call the kernel lacks). */
    public static final int ENOSYS = 38;
    /** No data available. */
    public static final int ENODATA = 61;
    /** Value too large for defined data type. */
    public static final int EOVERFLOW = 75;
    /** Invalid or incomplete multibyte or wide character: fio's errno for a verify failure. */
    public static final int EILSEQ = 84;
    /** Operation not supported. */
    public static final int ENOTSUP = 95;
    /** Connection reset by peer. */
    public static final int ECONNRESET = 104;
    /** Cannot send after transport endpoint shutdown. */
    public static final int ESHUTDOWN = 108;
    /** Connection timed out. */
    public static final int ETIMEDOUT = 110;
    /** Connection refused. */
    public static final int ECONNREFUSED = 111;
    /** Disk quota exceeded. */
    public static final int EDQUOT = 122;


    private Errno() {
    }

    /** The symbolic name ("EIO"), or "errno N" for values not listed. */
    public static String name(int errno) {
        switch (errno) {
            case 1: return "EPERM";
            case 2: return "ENOENT";
            case 4: return "EINTR";
            case 5: return "EIO";
            case 6: return "ENXIO";
            case 9: return "EBADF";
            case 11: return "EAGAIN";
            case 12: return "ENOMEM";
            case 13: return "EACCES";
            case 14: return "EFAULT";
            case 16: return "EBUSY";
            case 17: return "EEXIST";
            case 19: return "ENODEV";
            case 21: return "EISDIR";
            case 22: return "EINVAL";
            case 24: return "EMFILE";
            case 27: return "EFBIG";
            case 28: return "ENOSPC";
            case 29: return "ESPIPE";
            case 30: return "EROFS";
            case 32: return "EPIPE";
            case 38: return "ENOSYS";
            case 61: return "ENODATA";
            case 75: return "EOVERFLOW";
            case 84: return "EILSEQ";
            case 95: return "EOPNOTSUPP";
            case 104: return "ECONNRESET";
            case 108: return "ESHUTDOWN";
            case 110: return "ETIMEDOUT";
            case 111: return "ECONNREFUSED";
            case 122: return "EDQUOT";
            default: return "errno " + errno;
        }
    }

    public static String describe(int errno) {
        switch (errno) {
            case 0: return "Success";
            case 1: return "Operation not permitted";
            case 2: return "No such file or directory";
            case 4: return "Interrupted system call";
            case 5: return "Input/output error";
            case 6: return "No such device or address";
            case 9: return "Bad file descriptor";
            case 11: return "Resource temporarily unavailable";
            case 12: return "Cannot allocate memory";
            case 13: return "Permission denied";
            case 14: return "Bad address";
            case 16: return "Device or resource busy";
            case 17: return "File exists";
            case 19: return "No such device";
            case 21: return "Is a directory";
            case 22: return "Invalid argument";
            case 24: return "Too many open files";
            case 27: return "File too large";
            case 28: return "No space left on device";
            case 29: return "Illegal seek";
            case 30: return "Read-only file system";
            case 32: return "Broken pipe";
            case 38: return "Function not implemented";
            case 61: return "No data available";
            case 95: return "Operation not supported";
            case 104: return "Connection reset by peer";
            case 108: return "Cannot send after transport endpoint shutdown";
            case 110: return "Connection timed out";
            case 111: return "Connection refused";
            case 122: return "Disk quota exceeded";
            default: return "Unknown error " + errno;
        }
    }
}
