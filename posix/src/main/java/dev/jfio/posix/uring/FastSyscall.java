package dev.jfio.posix.uring;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;
import dev.jfio.posix.Syscalls;
import dev.jfio.spi.Errno;

/**
 * libc's {@code syscall(2)} with five arguments, called through jffi's six-long JNI entry
 * ({@code Invoker.invokeN6}), which allocates nothing. The binding behind {@link Syscalls#call}
 * does not fit the I/O loop: as a variadic function jnr-ffi calls it through libffi with a fresh
 * invocation buffer on every call (about 250 bytes), and jnr-ffi 2.3.4's generated x86-64 stub
 * for a six-parameter function passes its last arguments wrongly (kcmp with the same descriptor
 * twice answers EBADF through it). Five arguments are what io_uring_enter needs without EXT_ARG
 * and what io_uring_register needs. Calling the variadic {@code syscall} with a fixed-arity
 * signature is sound on x86-64: it is an assembly routine that reads its integer arguments from
 * the registers a fixed-arity call uses.
 *
 * <p>Thread contract: stateless; any thread. errno is saved per thread by jffi.
 */
final class FastSyscall {
    private static final Invoker INVOKER;
    private static final CallContext CONTEXT;
    private static final long SYSCALL;

    static {
        Invoker invoker = null;
        CallContext context = null;
        long address = 0;
        if (Syscalls.available()) {
            try {
                Type[] longs = {Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64};
                context = CallContext.getCallContext(Type.SINT64, longs, CallingConvention.DEFAULT, true);
                Library libc = Library.getCachedInstance("libc.so.6", Library.LAZY | Library.GLOBAL);
                address = libc == null ? 0 : libc.getSymbolAddress("syscall");
                invoker = Invoker.getInstance();
            } catch (LinkageError | RuntimeException e) {
                address = 0;
            }
        }
        INVOKER = invoker;
        CONTEXT = context;
        SYSCALL = address;
    }

    private FastSyscall() {}

    /** {@code syscall(number, a1..a5)}: the result, or minus the errno (minus ENOSYS without native calls). */
    static long call(long number, long a1, long a2, long a3, long a4, long a5) {
        if (SYSCALL == 0) {
            return -Errno.ENOSYS;
        }
        long result = INVOKER.invokeN6(CONTEXT, SYSCALL, number, a1, a2, a3, a4, a5);
        return result == -1 ? -LastError.getInstance().get() : result;
    }
}
