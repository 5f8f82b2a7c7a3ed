package dev.jfio.run;

/** Names of the errno values engines report, for messages. */
final class Errno {
    private Errno() {
    }

    static String name(int errno) {
        switch (errno) {
            case 1: return "EPERM";
            case 2: return "ENOENT";
            case 5: return "EIO";
            case 12: return "ENOMEM";
            case 13: return "EACCES";
            case 22: return "EINVAL";
            case 28: return "ENOSPC";
            case 30: return "EROFS";
            case 95: return "EOPNOTSUPP";
            case 108: return "ESHUTDOWN";
            case 110: return "ETIMEDOUT";
            case 75: return "EOVERFLOW";
            default: return "errno " + errno;
        }
    }
}
