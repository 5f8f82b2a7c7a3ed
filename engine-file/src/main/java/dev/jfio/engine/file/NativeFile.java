package dev.jfio.engine.file;

import java.nio.file.Path;

/**
 * One target opened by a {@link NativeFileEngine}: its path and native file descriptor, and its
 * slot among the clone's open files (the index io_uring's {@code registerfiles} uses).
 * Job thread only.
 */
public final class NativeFile {
    public final Path path;
    public final int fd;
    public final int slot;

    NativeFile(Path path, int fd, int slot) {
        this.path = path;
        this.fd = fd;
        this.slot = slot;
    }
}
