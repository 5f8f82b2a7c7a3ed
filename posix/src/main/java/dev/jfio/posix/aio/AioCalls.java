package dev.jfio.posix.aio;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;
import dev.jfio.posix.Syscalls;
import dev.jfio.spi.Errno;

/**
 * The AIO system calls through libc's {@code syscall(2)}, invoked with jffi's six-integer entry
 * point ({@code Invoker.invokeN6}: the number and five arguments), which allocates nothing.
 * Two jnr-ffi declarations were measured and rejected: {@link Syscalls#call}'s variadic
 * seven-argument one allocates an invocation buffer on every call (248 bytes), and a plain
 * six-argument interface method (jnr-ffi 2.3.4) passes garbage as its sixth argument on x86-64,
 * which made io_getevents' timeout pointer wild. Calling {@code syscall} without the variadic
 * convention is sound on x86-64: it only moves the integer registers.
 *
 * <p>Thread contract: stateless; any thread (errno is saved per thread).
 */
final class AioCalls {
    private AioCalls() {}

    /** {@code syscall(number, a1..a5)}: the result (0 or more), or minus the errno (minus ENOSYS without libc). */
    static long call(long number, long a1, long a2, long a3, long a4, long a5) {
        if (Holder.FUNCTION == 0) {
            return -Errno.ENOSYS;
        }
        long result = Invoker.getInstance().invokeN6(Holder.CONTEXT, Holder.FUNCTION, number, a1, a2, a3, a4, a5);
        return result == -1 ? -LastError.getInstance().get() : result;
    }

    private static final class Holder {
        static final CallContext CONTEXT;
        static final long FUNCTION;

        static {
            CallContext context = null;
            long function = 0;
            if (Syscalls.available()) {
                try {
                    Type[] six = {Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64, Type.SINT64};
                    context = CallContext.getCallContext(Type.SINT64, six, CallingConvention.DEFAULT, true);
                    function = Library.getDefault().getSymbolAddress("syscall");
                } catch (RuntimeException | LinkageError e) {
                    function = 0;
                }
            }
            CONTEXT = context;
            FUNCTION = function;
        }
    }
}
