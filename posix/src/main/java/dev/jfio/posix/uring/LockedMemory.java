package dev.jfio.posix.uring;

import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Syscalls;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The locked-memory limit that registered io_uring buffers are counted against: RLIMIT_MEMLOCK
 * ({@code ulimit -l}), which does not apply to a process with CAP_IPC_LOCK. For messages and
 * checks before a registration; not on any hot path. Stateless; any thread.
 */
public final class LockedMemory {
    /** prlimit64(2) on x86-64. */
    private static final long SYS_PRLIMIT64 = 302;

    private static final int RLIMIT_MEMLOCK = 8;
    private static final int CAP_IPC_LOCK = 14;

    /** {@link #limit()}'s answer when the limit is infinite. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** {@link #limit()}'s answer when the limit cannot be read. */
    public static final long UNKNOWN = -1;

    private LockedMemory() {}

    /** The soft RLIMIT_MEMLOCK in bytes, {@link #UNLIMITED}, or {@link #UNKNOWN}. */
    public static long limit() {
        if (!Syscalls.available()) {
            return UNKNOWN;
        }
        try (MappedMemory m = MappedMemory.anonymous(4096)) {
            long r = Syscalls.call(SYS_PRLIMIT64, 0, RLIMIT_MEMLOCK, 0, m.address(), 0, 0);
            if (r < 0) {
                return UNKNOWN;
            }
            long soft = m.buffer().getLong(0);
            return soft == -1 ? UNLIMITED : soft;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** Whether this process has CAP_IPC_LOCK in its effective set (then no limit applies). */
    public static boolean exempt() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring(7).trim(), 16).testBit(CAP_IPC_LOCK);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** The limit for messages: "64 KiB", "unlimited" or "unknown". */
    public static String describe(long limit) {
        if (limit == UNLIMITED) {
            return "unlimited";
        }
        if (limit == UNKNOWN) {
            return "unknown";
        }
        return (limit / 1024) + " KiB";
    }
}
