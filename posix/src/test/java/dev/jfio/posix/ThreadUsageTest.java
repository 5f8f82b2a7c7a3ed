package dev.jfio.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadUsageTest {

    private static long burnCpu(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        return x;
    }

    @Test
    void getrusageIsUsedOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertTrue(ThreadUsage.isNative());
    }

    @Test
    void busyLoopOnCallingThreadShowsAsCpuTime() {
        // burn a fixed amount of this thread's CPU (not wall time: the machine may be busy)
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ThreadUsage before = ThreadUsage.current();
        long jvmBefore = mx.getCurrentThreadCpuTime();
        while (mx.getCurrentThreadCpuTime() - jvmBefore < 200_000_000L) {
            burnCpu(1_000_000L);
        }
        long jvmMicros = (mx.getCurrentThreadCpuTime() - jvmBefore) / 1000;
        ThreadUsage used = ThreadUsage.current().minus(before);
        long cpuMicros = used.userMicros() + used.systemMicros();
        assertTrue(
                Math.abs(cpuMicros - jvmMicros) < 30_000,
                "getrusage says " + used + ", the JVM says " + jvmMicros + "us");
    }

    @Test
    void anotherThreadsCpuIsNotCounted() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread spinner = new Thread(() -> {
            while (!stop.get()) {
                burnCpu(1_000_000L);
            }
        });
        ThreadUsage before = ThreadUsage.current();
        spinner.start();
        Thread.sleep(300);
        stop.set(true);
        spinner.join();
        ThreadUsage used = ThreadUsage.current().minus(before);
        assertTrue(used.userMicros() + used.systemMicros() < 100_000, "sleeping thread charged with CPU: " + used);
    }

    @Test
    void sleepsCauseVoluntaryContextSwitches() throws InterruptedException {
        assumeTrue(ThreadUsage.isNative());
        ThreadUsage before = ThreadUsage.current();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(2);
        }
        ThreadUsage used = ThreadUsage.current().minus(before);
        assertTrue(used.contextSwitches() >= 10, "expected a context switch per sleep, got " + used);
    }

    @Test
    void minusSubtractsEveryField() {
        ThreadUsage a = new ThreadUsage(10, 20, 30, 40, 50);
        ThreadUsage b = new ThreadUsage(15, 27, 39, 41, 60);
        ThreadUsage d = b.minus(a);
        assertEquals(5, d.userMicros());
        assertEquals(7, d.systemMicros());
        assertEquals(9, d.contextSwitches());
        assertEquals(1, d.majorFaults());
        assertEquals(10, d.minorFaults());
    }
}
