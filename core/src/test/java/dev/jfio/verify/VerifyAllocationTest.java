package dev.jfio.verify;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.AllocationCounter;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Stamping, checking and recording a block must not allocate: measured by the JVM's per-thread counter. */
class VerifyAllocationTest {
    private static final int CALLS = 100_000;
    /** Room for the measurement itself; one allocation per call would be at least 1.6 MB. */
    private static final long SLACK_BYTES = 4096;

    @Test
    void stampAndCheckAllocateNothingPerBlockInEveryMode() {
        com.sun.management.ThreadMXBean bean = AllocationCounter.threads();
        VerifyMode[] modes = {
            VerifyMode.CRC32C,
            VerifyMode.MD5,
            VerifyMode.SHA256,
            VerifyMode.XXHASH,
            VerifyMode.META,
            VerifyMode.PATTERN,
            VerifyMode.NULL
        };
        ByteBuffer direct = ByteBuffer.allocateDirect(512);
        for (VerifyMode mode : modes) {
            byte[] pattern = mode == VerifyMode.PATTERN ? new byte[] {1, 2, 3} : null;
            BlockStamper s = new BlockStamper(mode, pattern, 0, mode.hasHeader() ? 128 : 0, 7, 1);
            BlockChecker c = new BlockChecker(mode, pattern, 0, mode.hasHeader() ? 128 : 0, 7, 1);
            // warm up (class loading, JIT, digest scratch arrays), then take the least of a few measured
            // rounds: a one-off runtime allocation (deoptimisation, OSR) can land in any single round, while
            // an allocation per block would show in every round
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                int calls = round < 2 ? CALLS / 10 : CALLS;
                long before = bean.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < calls; i++) {
                    long offset = (i & 1023) * 512L;
                    s.stamp(direct, 512, offset, i);
                    if (c.check(direct, 512, offset, i, "t") != null) {
                        assertNull(c.check(direct, 512, offset, i, "t"), mode.text());
                    }
                }
                long allocated = bean.getCurrentThreadAllocatedBytes() - before;
                if (round >= 2) {
                    least = Math.min(least, allocated);
                }
            }
            assertTrue(least < SLACK_BYTES, mode.text() + " allocated " + least + " bytes per " + CALLS + " blocks");
        }
    }

    @Test
    void recordingWritesAllocatesNothing() {
        com.sun.management.ThreadMXBean bean = AllocationCounter.threads();
        WrittenBlocks w = new WrittenBlocks(2, 0, 1 << 20, 4096);
        for (int round = 0; round < 2; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                w.record(i & 1, ((i * 7L) & 127) * 4096, (i % 3 + 1) * 4096 > 8192 ? 4096 : 8192, i);
                if ((i & 4095) == 0) {
                    w.orderByOffset();
                    for (int k = 0; k < w.size(); k++) {
                        sum += w.offsetAt(k);
                    }
                    w.orderByWrite();
                    w.clear();
                }
            }
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            assertTrue(sum >= 0);
            if (round == 1) {
                assertTrue(allocated < SLACK_BYTES, "allocated " + allocated + " bytes");
            }
        }
    }
}
