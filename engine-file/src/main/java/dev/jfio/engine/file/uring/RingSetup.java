package dev.jfio.engine.file.uring;

import dev.jfio.engine.file.FileTargets;
import dev.jfio.engine.file.NativeFile;
import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Syscalls;
import dev.jfio.posix.uring.IoUring;
import dev.jfio.posix.uring.IoUringException;
import dev.jfio.posix.uring.LockedMemory;
import dev.jfio.posix.uring.Uring;
import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the io_uring engine checks and creates before its first I/O, with the messages a user
 * needs when the kernel, the sandbox or a limit says no: the ring itself, the locked memory that
 * {@code fixedbufs} pins, the poll queues that {@code hipri} needs. Stateless; called on the
 * runner's main thread (checks in setup) or the job thread (the ring, in init).
 */
final class RingSetup {
    static final String ENGINE = "io_uring";
    /** preadv2(2) on x86-64. */
    private static final long SYS_PREADV2 = 327;

    private RingSetup() {}

    /**
     * A ring of at least {@code entries} entries with the options' setup flags.
     *
     * @throws IOException one line: io_uring unavailable (ENOSYS, EPERM: use libaio or psync), over
     *     the memlock limit (how to raise it), a CPU the kernel refused, or the errno
     */
    static IoUring create(int entries, IoUringOptions o) throws IOException {
        int flags = (o.hipri ? Uring.SETUP_IOPOLL : 0) | (o.sqpoll ? Uring.SETUP_SQPOLL : 0);
        if (o.sqpoll && o.sqpollCpu >= 0) {
            flags |= Uring.SETUP_SQ_AFF;
        }
        try {
            return IoUring.create(entries, flags, Math.max(0, o.sqpollCpu));
        } catch (IoUringException e) {
            throw describe(e, entries, o);
        }
    }

    private static IOException describe(IoUringException e, int entries, IoUringOptions o) {
        int errno = e.errno();
        String what = "ioengine=" + ENGINE + ": " + e.getMessage();
        if (errno == Errno.ENOSYS || errno == Errno.EPERM) {
            String why = errno == Errno.ENOSYS
                    ? "this kernel has no io_uring"
                    : "this kernel or sandbox does not allow io_uring (kernel.io_uring_disabled, seccomp, a container"
                            + " profile)";
            return new IOException(what + ": " + why + "; use ioengine=libaio or ioengine=psync instead", e);
        }
        if (errno == Errno.ENOMEM) {
            return new IOException(
                    what + ": a ring of " + entries + " entries needs more locked memory than"
                            + " RLIMIT_MEMLOCK allows (" + LockedMemory.describe(LockedMemory.limit())
                            + "); raise it with"
                            + " ulimit -l, or lower iodepth",
                    e);
        }
        if (errno == Errno.EINVAL && o.sqpoll && o.sqpollCpu >= 0) {
            return new IOException(
                    what + ": the kernel refused sqthread_poll_cpu=" + o.sqpollCpu + " (CPUs online: "
                            + Runtime.getRuntime().availableProcessors() + ")",
                    e);
        }
        return new IOException(what, e);
    }

    /**
     * Checks, before anything is registered, that {@code count} buffers of {@code bytes} each fit
     * under RLIMIT_MEMLOCK (which CAP_IPC_LOCK lifts).
     */
    static void checkLockedMemory(int count, long bytes) throws IOException {
        long limit = LockedMemory.limit();
        if (limit == LockedMemory.UNLIMITED || limit == LockedMemory.UNKNOWN || LockedMemory.exempt()) {
            return;
        }
        if ((long) count * bytes > limit) {
            throw lockedMemoryExceeded(count, bytes, limit);
        }
    }

    /** The message of a buffer registration over RLIMIT_MEMLOCK. */
    static IOException lockedMemoryExceeded(int count, long bytes, long limit) {
        long total = (long) count * bytes;
        return new IOException("fixedbufs=1 pins " + count + " I/O buffers of " + (bytes / 1024) + " KiB ("
                + (total / 1024) + " KiB) but the locked-memory limit RLIMIT_MEMLOCK is "
                + LockedMemory.describe(limit) + ": raise it (ulimit -l " + ((total + 1023) / 1024 + 64)
                + ", LimitMEMLOCK= for a systemd service), run with CAP_IPC_LOCK, or drop fixedbufs");
    }

    /**
     * For {@code hipri}: the file must live on a block device whose queue polls
     * ({@code /sys/dev/block/MAJ:MIN/queue/io_poll} is 1); otherwise IOPOLL completions never come
     * from polling, and fio would spin for nothing.
     */
    static void checkPolled(Path path) throws IOException {
        long dev;
        try {
            boolean blockDevice = FileTargets.isBlockDevice(path);
            Path existing = path.toAbsolutePath();
            while (!blockDevice && !Files.exists(existing) && existing.getParent() != null) {
                existing = existing.getParent(); // a file made on open: its directory's device
            }
            Object attr = Files.getAttribute(existing, blockDevice ? "unix:rdev" : "unix:dev");
            dev = ((Number) attr).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new IOException("hipri=1: cannot find the block device of " + path + ": " + e.getMessage(), e);
        }
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        Path device = Path.of("/sys/dev/block/" + major + ":" + minor);
        Path poll = device.resolve("queue/io_poll");
        if (!Files.exists(poll)) {
            poll = device.resolve("../queue/io_poll"); // a partition: its disk has the queue
        }
        String value;
        try {
            value = Files.readString(poll).trim();
        } catch (IOException e) {
            throw new IOException("hipri=1 needs a block device with poll queues, and " + path + " is on device "
                    + major + ":" + minor + ", which has none (no " + poll + ")");
        }
        if (!value.equals("1")) {
            throw new IOException("hipri=1 needs a block device with poll queues, and " + path + " is on device "
                    + major + ":" + minor + " whose queue/io_poll is " + value
                    + " (for NVMe: load nvme with poll_queues=N)");
        }
    }

    /** The setup flags for the report: "coop_taskrun,single_issuer,defer_taskrun" and the like. */
    static String setupFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"iopoll", "sqpoll", "sq_aff", "cqsize", "coop_taskrun", "single_issuer", "defer_taskrun"};
        int[] bits = {
            Uring.SETUP_IOPOLL,
            Uring.SETUP_SQPOLL,
            Uring.SETUP_SQ_AFF,
            Uring.SETUP_CQSIZE,
            Uring.SETUP_COOP_TASKRUN,
            Uring.SETUP_SINGLE_ISSUER,
            Uring.SETUP_DEFER_TASKRUN
        };
        for (int k = 0; k < bits.length; k++) {
            if ((flags & bits[k]) != 0) {
                sb.append(sb.length() == 0 ? "" : ",").append(names[k]);
            }
        }
        return sb.toString();
    }

    /**
     * For {@code uncached}: whether buffered I/O on this file can drop its pages when done
     * (RWF_DONTCACHE, Linux 6.14, and only on file systems that support it), checked with one
     * page-sized {@code preadv2} from the start of the file, which the kernel refuses with
     * EOPNOTSUPP before reading when it cannot.
     */
    static void checkDontcache(NativeFile file) throws IOException {
        try (MappedMemory m = MappedMemory.anonymous(2 * 4096)) {
            m.buffer().putLong(4096, m.address());
            m.buffer().putLong(4096 + 8, 4096);
            long r = Syscalls.call(SYS_PREADV2, file.fd, m.address() + 4096, 1, 0, 0, Uring.RWF_DONTCACHE);
            if (r == -Errno.ENOTSUP || r == -Errno.EINVAL) {
                throw new IOException("uncached=1 needs RWF_DONTCACHE (Linux 6.14 and a file system that supports"
                        + " it); " + file.path + " refused it: " + Errno.nameAndText((int) -r));
            }
        }
    }
}
