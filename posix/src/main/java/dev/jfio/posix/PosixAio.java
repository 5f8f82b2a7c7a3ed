package dev.jfio.posix;

import com.kenai.jffi.MemoryIO;
import dev.jfio.spi.Errno;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/**
 * POSIX asynchronous I/O as glibc implements it (aio_read, aio_write, aio_error, aio_return,
 * aio_suspend, aio_cancel: requests handed to glibc's helper threads, which do pread/pwrite), for
 * fio's {@code posixaio} engine. The control blocks ({@code struct aiocb}) live in native memory
 * the caller owns and are addressed by their native address; {@link #prepare} fills one. The
 * layout is glibc's on x86-64 (168 bytes; checked against a C program).
 *
 * <p>Thread contract: stateless; any thread. A call is one JNI transition and allocates nothing.
 * A control block must stay mapped and untouched from aio_read/aio_write until aio_error says it
 * is no longer in progress.
 */
public final class PosixAio {
    /** {@code sizeof(struct aiocb)} on x86-64 glibc. */
    public static final int AIOCB_BYTES = 168;
    /** {@link #cancel} results. */
    public static final int AIO_CANCELED = 0, AIO_NOTCANCELED = 1, AIO_ALLDONE = 2;
    /** {@link #error} while the request runs. */
    public static final int EINPROGRESS = Errno.EINPROGRESS;
    /** Bytes of a {@code struct timespec} (seconds, nanoseconds). */
    public static final int TIMESPEC_BYTES = 16;

    private static final int FILDES = 0;
    private static final int REQPRIO = 8;
    private static final int BUF = 16;
    private static final int NBYTES = 24;
    private static final int SIGEV_NOTIFY = 32 + 12;
    private static final int OFFSET = 128;
    /** glibc's private {@code __error_code}: EINPROGRESS from submission until the request is done. */
    private static final int ERROR_CODE = 112;

    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int SIGEV_NONE = 1;

    /** The libc functions (glibc 2.34 and later has them in libc itself, older ones in librt). */
    public interface Api {
        @SaveError
        int aio_read(long aiocb);

        @SaveError
        int aio_write(long aiocb);

        int aio_error(long aiocb);

        long aio_return(long aiocb);

        @SaveError
        int aio_suspend(long list, int nent, long timeout);

        @SaveError
        int aio_cancel(int fd, long aiocb);
    }

    private PosixAio() {}

    /** Null when POSIX AIO can be used here, else why not (one line). */
    public static String unavailableReason() {
        return Holder.REASON;
    }

    /**
     * Fills the control block at {@code aiocb} for a transfer of {@code length} bytes between the
     * buffer at {@code buffer} and file offset {@code offset} of {@code fd}, with no notification
     * (fio's SIGEV_NONE); the caller reaps by {@link #error}. Other fields are left as they were
     * (zero after the first use, glibc's own afterwards).
     */
    public static void prepare(long aiocb, int fd, long buffer, long length, long offset) {
        MemoryIO io = MemoryIO.getInstance();
        io.putInt(aiocb + FILDES, fd);
        io.putInt(aiocb + REQPRIO, 0);
        io.putLong(aiocb + BUF, buffer);
        io.putLong(aiocb + NBYTES, length);
        io.putInt(aiocb + SIGEV_NOTIFY, SIGEV_NONE);
        io.putLong(aiocb + OFFSET, offset);
    }

    /** {@code aio_read(aiocb)}: 0 when queued, or the errno (EAGAIN: out of resources for now). */
    public static int read(long aiocb) {
        Api c = Holder.API;
        if (c == null) {
            return Errno.ENOSYS;
        }
        return c.aio_read(aiocb) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /** {@code aio_write(aiocb)}: 0 when queued, or the errno. */
    public static int write(long aiocb) {
        Api c = Holder.API;
        if (c == null) {
            return Errno.ENOSYS;
        }
        return c.aio_write(aiocb) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /** {@code aio_error(aiocb)}: {@link #EINPROGRESS}, 0 when done, ECANCELED, or the request's errno. */
    public static int error(long aiocb) {
        Api c = Holder.API;
        return c == null ? Errno.ENOSYS : c.aio_error(aiocb);
    }

    /**
     * Whether the request of the control block at {@code offset} in {@code blocks} (a direct
     * buffer over the blocks' memory) may have finished: glibc's own error field, read with
     * acquire ordering and without the lock aio_error takes, is no longer EINPROGRESS. A hint for
     * polling many blocks cheaply (no JNI call, no lock the helper threads contend for); confirm
     * with {@link #error} before {@link #result}. glibc sets the field to EINPROGRESS before
     * aio_read/aio_write return.
     */
    public static boolean mayBeDone(ByteBuffer blocks, int offset) {
        return (int) INTS.getAcquire(blocks, offset + ERROR_CODE) != EINPROGRESS;
    }

    /** {@code aio_return(aiocb)}: the bytes a finished request moved (call once, after {@link #error} gave 0). */
    public static long result(long aiocb) {
        Api c = Holder.API;
        return c == null ? -1 : c.aio_return(aiocb);
    }

    /**
     * {@code aio_suspend(list, nent, timeout)}: waits until one of the {@code nent} control blocks
     * whose addresses are at {@code list} finishes; {@code timeout} is the address of a relative
     * {@code struct timespec} or 0 for none. 0, or the errno (EAGAIN: the time ran out; EINTR).
     */
    public static int suspend(long list, int nent, long timeout) {
        Api c = Holder.API;
        if (c == null) {
            return Errno.ENOSYS;
        }
        return c.aio_suspend(list, nent, timeout) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /** {@code aio_cancel(fd, aiocb)} ({@code aiocb} 0: every request of fd): an {@code AIO_*} value, or minus the errno. */
    public static int cancel(int fd, long aiocb) {
        Api c = Holder.API;
        if (c == null) {
            return -Errno.ENOSYS;
        }
        int r = c.aio_cancel(fd, aiocb);
        return r == -1 ? -NativeLibC.lastErrno() : r;
    }

    /** Writes a relative {@code struct timespec} of {@code nanos} at native address {@code at}. */
    public static void putTimespec(long at, long nanos) {
        MemoryIO io = MemoryIO.getInstance();
        io.putLong(at, nanos / 1_000_000_000L);
        io.putLong(at + 8, nanos % 1_000_000_000L);
    }

    /** Writes a pointer (a control block's address) at native address {@code at}. */
    public static void putAddress(long at, long address) {
        MemoryIO.getInstance().putLong(at, address);
    }

    private static final class Holder {
        static final Api API;
        static final String REASON;

        static {
            Api api = null;
            String reason = null;
            if (NativeLibC.api() == null) {
                reason = NativeLibC.unavailableReason();
            } else if (!"amd64".equals(System.getProperty("os.arch"))) {
                reason = "the struct aiocb layout is known for x86-64 only, this is " + System.getProperty("os.arch");
            } else {
                try {
                    // glibc before 2.34 has the functions in librt; later ones keep librt as a stub
                    api = LibraryLoader.create(Api.class)
                            .library("c")
                            .library("rt")
                            .load();
                } catch (Throwable withRt) {
                    try {
                        api = LibraryLoader.create(Api.class).load("c");
                    } catch (Throwable e) {
                        reason = "cannot load aio_read from libc or librt: " + e.getMessage();
                    }
                }
            }
            API = api;
            REASON = api != null ? null : reason != null ? reason : "native calls are unavailable";
        }
    }
}
