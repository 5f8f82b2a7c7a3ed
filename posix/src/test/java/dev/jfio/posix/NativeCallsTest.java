package dev.jfio.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The calls the asynchronous engines and cpus_allowed build on, made for real against this kernel. */
class NativeCallsTest {

    @Test
    void syscallReachesTheKernelAndReturnsMinusErrnoOnFailure() {
        assertTrue(Syscalls.available(), "jfio's native calls need x86-64 Linux");
        assertEquals(ProcessHandle.current().pid(), Syscalls.call(Syscalls.SYS_GETPID, 0, 0, 0, 0, 0, 0));
        // io_destroy of a context that does not exist: the kernel answers EINVAL
        assertEquals(-Errno.EINVAL, Syscalls.call(Syscalls.SYS_IO_DESTROY, 12345, 0, 0, 0, 0, 0));
    }

    @Test
    void anonymousMappingIsZeroedWritableAndUnmappedOnce() throws IOException {
        try (MappedMemory m = MappedMemory.anonymous(8192)) {
            ByteBuffer b = m.buffer();
            assertTrue(b.isDirect());
            assertEquals(8192, b.capacity());
            assertEquals(0, b.getLong(4096));
            b.putLong(8184, 0x1234_5678_9abc_def0L);
            assertEquals(0x1234_5678_9abc_def0L, b.getLong(8184));
            assertEquals(0, m.address() % 4096, "mmap returns page-aligned memory");
            m.close();
        }
    }

    @Test
    void aMappingTheKernelRefusesNamesTheErrno() {
        IOException e = assertThrows(
                IOException.class,
                () -> MappedMemory.map(4096, MappedMemory.PROT_READ, MappedMemory.MAP_SHARED, 987654, 0));
        assertTrue(e.getMessage().contains("(EBADF)"), e.getMessage());
    }

    @Test
    void affinityOfTheCallingThreadCanBeNarrowedAndRestored() throws Exception {
        BitSet before = CpuAffinity.get();
        assertFalse(before.isEmpty());
        int first = before.nextSetBit(0);
        Thread t = new Thread(() -> {
            BitSet one = new BitSet();
            one.set(first);
            assertEquals(0, CpuAffinity.set(one));
            assertEquals(one, CpuAffinity.get());
        });
        t.start();
        t.join();
        assertEquals(before, CpuAffinity.get(), "another thread's affinity is its own");
        BitSet none = new BitSet();
        none.set(1000);
        assertEquals(Errno.EINVAL, CpuAffinity.set(none), "no online CPU in the mask");
    }
}
