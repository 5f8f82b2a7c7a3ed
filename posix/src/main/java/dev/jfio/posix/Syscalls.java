package dev.jfio.posix;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;
import dev.jfio.spi.Errno;

/**
 * Raw Linux system calls through libc's {@code syscall(2)}, for the calls libc has no wrapper for
 * (io_uring_setup, io_uring_enter, io_uring_register; io_setup, io_submit, io_getevents,
 * io_destroy): the asynchronous file engines make them. Numbers are those of x86-64.
 *
 * <p>Thread contract: stateless; any thread. A call costs one JNI transition through jnr-ffi and
 * allocates nothing.
 */
public final class Syscalls {
    public static final long SYS_MMAP = 9;
    public static final long SYS_MUNMAP = 11;
    public static final long SYS_SHMGET = 29;
    public static final long SYS_SHMAT = 30;
    public static final long SYS_SHMCTL = 31;
    public static final long SYS_SHMDT = 67;
    public static final long SYS_MLOCK = 149;
    public static final long SYS_GETPID = 39;
    public static final long SYS_FCNTL = 72;
    public static final long SYS_IO_SETUP = 206;
    public static final long SYS_IO_DESTROY = 207;
    public static final long SYS_IO_GETEVENTS = 208;
    public static final long SYS_IO_SUBMIT = 209;
    public static final long SYS_IO_URING_SETUP = 425;
    public static final long SYS_IO_URING_ENTER = 426;
    public static final long SYS_IO_URING_REGISTER = 427;

    private Syscalls() {}

    /**
     * {@code syscall(number, a1, ..., a6)}: the call's result (0 or more), or minus the errno
     * when it failed (minus ENOSYS without native calls), as the kernel itself answers.
     */
    public static long call(long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return -Errno.ENOSYS;
        }
        long result = libc.syscall(number, a1, a2, a3, a4, a5, a6);
        return result == -1 ? -NativeLibC.lastErrno() : result;
    }

    /**
     * {@code syscall(number, a1..a5)} for the I/O loop: the result (0 or more), or minus the errno
     * (minus ENOSYS without native calls). Allocates nothing: it goes through jffi's six-long JNI
     * entry ({@code Invoker.invokeN6}). {@link #call} does not fit a hot path: as a variadic
     * function jnr-ffi calls it through libffi with a fresh invocation buffer each time (about
     * 250 bytes), and jnr-ffi 2.3.4's generated x86-64 stub for a six-parameter function passes its
     * last arguments wrongly (io_getevents' timeout pointer came out wild). Calling the variadic
     * {@code syscall} with a fixed-arity signature is sound on x86-64: it reads its integer
     * arguments from the registers a fixed-arity call uses. errno is saved per thread by jffi.
     */
    public static long fast(long number, long a1, long a2, long a3, long a4, long a5) {
        if (Fast.SYSCALL == 0) {
            return -Errno.ENOSYS;
        }
        long result = Invoker.getInstance().invokeN6(Fast.CONTEXT, Fast.SYSCALL, number, a1, a2, a3, a4, a5);
        return result == -1 ? -LastError.getInstance().get() : result;
    }

    /** Whether the calls reach the kernel (64-bit Linux on x86-64). */
    public static boolean available() {
        return NativeLibC.api() != null && "amd64".equals(System.getProperty("os.arch"));
    }

    /** libc's {@code syscall} as jffi calls it, looked up once; SYSCALL is 0 where it cannot be. */
    private static final class Fast {
        static final CallContext CONTEXT;
        static final long SYSCALL;

        static {
            CallContext context = null;
            long address = 0;
            if (available()) {
                try {
                    Type[] longs = {Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64};
                    context = CallContext.getCallContext(Type.SINT64, longs, CallingConvention.DEFAULT, true);
                    address = Library.getDefault().getSymbolAddress("syscall");
                } catch (LinkageError | RuntimeException e) {
                    address = 0;
                }
            }
            CONTEXT = context;
            SYSCALL = address;
        }
    }
}
