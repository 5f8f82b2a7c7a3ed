package dev.jfio.engine.cpuio;

import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One job clone of engine {@code cpuio}. Each unit is one cycle, as in fio (where the engine sets
 * thinktime): burn for {@code cpuchunks} microseconds, then sleep
 * {@code cpuchunks * (100 - cpuload) / cpuload}. In qsort mode the burn is fio's four sorts of 256 Ki
 * integers, and the sleep follows the measured length of the last burn. Allocates nothing per unit.
 *
 * <p>Thread contract: as {@link IoEngine}; no locking.
 */
final class CpuioEngine implements IoEngine {
    /** fio's qsort_size: 256 Ki 32-bit integers. */
    private static final int QSORT_SIZE = 256 * 1024;
    /** A target that never runs out: cpuio runs until its runtime, as fio's does. */
    private static final long ENDLESS = 1L << 40;

    private final JobView job;
    private final long load;
    private final boolean qsort;
    private final boolean exitOnIoDone;
    private long cycleNanos;
    private long sleepNanos;
    private int[] data;
    private byte[] bytes;

    CpuioEngine(JobView job) {
        this.job = job;
        this.load = Math.min(100, job.get(CpuioEngineProvider.CPULOAD));
        this.qsort = "qsort".equals(job.get(CpuioEngineProvider.CPUMODE));
        this.exitOnIoDone = job.get(CpuioEngineProvider.EXIT_ON_IO_DONE);
        this.cycleNanos = job.get(CpuioEngineProvider.CPUCHUNKS) * 1000L;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        if (load <= 0) {
            throw new IOException("cpu thread needs rate (cpuload=), a percentage from 1 to 100");
        }
        if (cycleNanos <= 0) {
            throw new IOException("cpuchunks=" + cycleNanos / 1000 + " must be at least 1 (microseconds)");
        }
        IoTarget target = new IoTarget("cpuio");
        target.fixSize(ENDLESS);
        setup.setTargets(List.of(target));
    }

    @Override
    public void init() {
        sleepNanos = cycleNanos * (100 - load) / load;
        if (qsort) {
            data = new int[QSORT_SIZE];
            bytes = new byte[QSORT_SIZE * 4];
            int w = 521288629;
            int z = 362436069;
            for (int i = 0; i < data.length; i++) { // fio's mwc32 entropy
                z = 36969 * (z & 65535) + (z >>> 16);
                w = 18000 * (w & 65535) + (w >>> 16);
                data[i] = (z << 16) + w;
            }
        }
        job.notice("(" + (qsort ? "qsort" : "noop") + "): ioengine=cpuio, cpuload=" + load + ", cpucycle="
                + cycleNanos / 1000);
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        if (exitOnIoDone && job.ioJobsFinished()) {
            job.endJob();
            unit.complete(unit.length());
            return QueueResult.COMPLETED;
        }
        if (qsort) {
            long start = System.nanoTime();
            sortRound();
            cycleNanos = Math.max(1, System.nanoTime() - start);
            sleepNanos = cycleNanos * (100 - load) / load;
        } else {
            long until = System.nanoTime() + cycleNanos;
            while (System.nanoTime() - until < 0) {
                Thread.onSpinWait();
            }
        }
        sleep(sleepNanos);
        unit.complete(unit.length());
        return QueueResult.COMPLETED;
    }

    /** fio's do_qsort: sort, sort in reverse, sort the bytes, sort in reverse again. */
    private void sortRound() {
        Arrays.sort(data);
        reverse(data);
        for (int i = 0; i < data.length; i++) {
            int v = data[i];
            bytes[4 * i] = (byte) v;
            bytes[4 * i + 1] = (byte) (v >>> 8);
            bytes[4 * i + 2] = (byte) (v >>> 16);
            bytes[4 * i + 3] = (byte) (v >>> 24);
        }
        Arrays.sort(bytes);
        for (int i = 0; i < data.length; i++) {
            data[i] = (bytes[4 * i] & 0xff)
                    | (bytes[4 * i + 1] & 0xff) << 8
                    | (bytes[4 * i + 2] & 0xff) << 16
                    | bytes[4 * i + 3] << 24;
        }
        Arrays.sort(data);
        reverse(data);
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void sleep(long nanos) {
        long until = System.nanoTime() + nanos;
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void cleanup() {
        data = null;
        bytes = null;
    }
}
