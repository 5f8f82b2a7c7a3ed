package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.testing.AllocationCounter;
import dev.jfio.verify.BlockChecker;
import dev.jfio.verify.BlockStamper;
import dev.jfio.verify.VerifyMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * verify_async hands blocks to its verifier threads without allocating: neither the job thread
 * (copy and publish) nor the verifiers (claim, check, free) allocate per block, measured by the
 * JVM's per-thread counter.
 */
class AsyncVerifierAllocationTest {
    private static final int CALLS = 50_000;
    /** Room for the measurement itself; one allocation per block would be at least 800 kB. */
    private static final long SLACK_BYTES = 8192;

    @Test
    void submittingAndCheckingBlocksAllocatesNothingPerBlock() {
        com.sun.management.ThreadMXBean bean = AllocationCounter.threads();
        BlockStamper stamper = new BlockStamper(VerifyMode.CRC32C, null, 0, 0, 7, 1);
        AsyncVerifier async = new AsyncVerifier(
                2,
                null,
                4,
                512,
                () -> new BlockChecker(VerifyMode.CRC32C, null, 0, 0, 7, 1),
                "alloc",
                (data, length, offset, target, expected, failure) -> fail(failure.message()));
        List<Thread> verifiers = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jfio-verify-alloc-")) {
                verifiers.add(t);
            }
        }
        assertEquals(2, verifiers.size());
        long[] ids = verifiers.stream().mapToLong(Thread::getId).toArray();
        RunnerUnit unit = new RunnerUnit(0, ByteBuffer.allocateDirect(512));
        IoTarget target = new IoTarget("t", 1 << 20);
        try {
            long leastJob = Long.MAX_VALUE;
            long leastVerifiers = Long.MAX_VALUE;
            long seq = 0;
            for (int round = 0; round < 5; round++) {
                int calls = round < 2 ? CALLS / 10 : CALLS;
                long before = bean.getCurrentThreadAllocatedBytes();
                long verifiersBefore = sum(bean.getThreadAllocatedBytes(ids));
                for (int i = 0; i < calls; i++) {
                    long offset = (i & 1023) * 512L;
                    stamper.stamp(unit.buffer(), 512, offset, seq);
                    unit.set(IoOp.READ, target, offset, 512, 0);
                    unit.complete(512);
                    async.submit(unit, seq++);
                }
                async.awaitChecked();
                long allocated = bean.getCurrentThreadAllocatedBytes() - before;
                long verifiersAllocated = sum(bean.getThreadAllocatedBytes(ids)) - verifiersBefore;
                if (round >= 2) {
                    leastJob = Math.min(leastJob, allocated);
                    leastVerifiers = Math.min(leastVerifiers, verifiersAllocated);
                }
            }
            assertTrue(leastJob < SLACK_BYTES, "the job thread allocated " + leastJob + " bytes per " + CALLS);
            assertTrue(
                    leastVerifiers < SLACK_BYTES, "the verifiers allocated " + leastVerifiers + " bytes per " + CALLS);
        } finally {
            async.stop();
        }
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += Math.max(v, 0);
        }
        return s;
    }
}
