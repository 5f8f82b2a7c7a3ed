package dev.jfio.report;

/** glibc's {@code strerror} texts for the errno values I/O commonly fails with. */
final class Errno {

    private Errno() {
    }

    static String describe(int errno) {
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
