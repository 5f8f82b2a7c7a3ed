package dev.jfio.os;

/** Names and glibc's {@code strerror} texts for the errno values I/O commonly fails with. */
public final class Errno {

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
            case 27: return "EFBIG";
            case 28: return "ENOSPC";
            case 30: return "EROFS";
            case 32: return "EPIPE";
            case 75: return "EOVERFLOW";
            case 95: return "EOPNOTSUPP";
            case 104: return "ECONNRESET";
            case 108: return "ESHUTDOWN";
            case 110: return "ETIMEDOUT";
            case 111: return "ECONNREFUSED";
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
            case 27: return "File too large";
            case 28: return "No space left on device";
            case 30: return "Read-only file system";
            case 32: return "Broken pipe";
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
