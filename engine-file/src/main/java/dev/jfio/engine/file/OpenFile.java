package dev.jfio.engine.file;

import dev.jfio.posix.Posix;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One opened target of engine {@code file}: the channel that does the positional I/O and, when
 * native calls are available, a second descriptor of the same file for posix_fadvise and
 * fallocate (a {@link FileChannel} does not expose its own). Job thread only.
 */
final class OpenFile {
    final Path path;
    final FileChannel channel;
    /** A native descriptor of the same file, or minus the errno that kept it from opening. */
    final int fd;

    OpenFile(Path path, FileChannel channel, int fd) {
        this.path = path;
        this.channel = channel;
        this.fd = fd;
    }

    /** Closes the channel and the descriptor; the channel's error, if any, is thrown after both are closed. */
    void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (fd >= 0) {
                Posix.close(fd);
            }
        }
    }
}
