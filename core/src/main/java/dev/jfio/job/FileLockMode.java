package dev.jfio.job;

import java.util.Locale;

/**
 * fio's {@code lockfile}: how the clones of a job that share a file serialise their I/O to it.
 * Immutable.
 */
public enum FileLockMode {
    /** No locking (fio's default). */
    NONE,
    /** One clone at a time does I/O to the file. */
    EXCLUSIVE,
    /** Many readers at a time, or one writer (a flush or trim counts as a write, as in fio). */
    READWRITE;

    static FileLockMode parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "exclusive" -> EXCLUSIVE;
            case "readwrite" -> READWRITE;
            default ->
                throw new IllegalArgumentException(
                        "lockfile=" + text.trim() + ": unknown lock mode (accepted: none, exclusive, readwrite)");
        };
    }
}
