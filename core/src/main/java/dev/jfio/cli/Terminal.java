package dev.jfio.cli;

import dev.jfio.os.Posix;

/** Whether a standard stream is a terminal, for the ETA line. */
final class Terminal {
    private Terminal() {
    }

    static boolean isTerminal(int fd) {
        return Posix.isatty(fd);
    }
}
