package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntervalHistogramsTest {
    private static final boolean[] READ_WRITE = {true, true, false};
    private static final long MS = 1_000_000L;

    /** Takes an interval as the reader does, the job thread ticking in between. */
    private static IntervalResult take(IntervalHistograms h, JobStats s, long tickAt) {
        h.request();
        assertNull(h.poll(), "nothing is handed over before the job thread ticks");
        s.tick(tickAt);
        IntervalHistograms.Interval interval = h.poll();
        assertNotNull(interval);
        IntervalSum sum = new IntervalSum(h.directions());
        if (interval.measured()) {
            sum.add(interval);
        }
        h.release();
        return sum.isEmpty() ? null : sum.result("j", 0, 0, 1, false, false);
    }

    private static IntervalResult.Direction dir(IntervalResult r, IoOp d) {
        return r.directions().stream().filter(x -> x.dir() == d).findFirst().orElseThrow();
    }

    @Test
    void intervalsAddUpToTheJobsTotalsExactly() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        IntervalHistograms h = s.keepIntervals(false);
        s.begin(0);
        long[] ios = new long[2];
        long[] bytes = new long[2];
        long[] samples = new long[2];
        long now = 0;
        for (int i = 0; i < 10_000; i++) {
            IoOp d = i % 3 == 0 ? IoOp.WRITE : IoOp.READ;
            s.recordIssue(d);
            s.recordIo(d, 4096 - (i % 2) * 512, 4096, -1, 1000 + i, 1100 + i, -1);
            now += 1000;
            s.tick(now);
            if (i % 777 == 0) {
                IntervalResult r = take(h, s, now);
                for (IoOp op : new IoOp[] {IoOp.READ, IoOp.WRITE}) {
                    ios[op.ordinal()] += dir(r, op).ios();
                    bytes[op.ordinal()] += dir(r, op).bytes();
                    samples[op.ordinal()] += dir(r, op).clatSamples();
                }
            }
        }
        s.end(now);
        IntervalSum last = new IntervalSum(h.directions());
        last.add(s.lastInterval());
        h.release();
        IntervalResult r = last.result("j", 0, 0, 1, false, true);
        DirectionResult[] totals = s.snapshotDirections();
        for (IoOp op : new IoOp[] {IoOp.READ, IoOp.WRITE}) {
            int d = op.ordinal();
            assertEquals(totals[d].ioBytes(), bytes[d] + dir(r, op).bytes(), op + " bytes");
            assertEquals(totals[d].clat().n(), ios[d] + dir(r, op).ios(), op + " I/Os");
            assertEquals(totals[d].clat().n(), samples[d] + dir(r, op).clatSamples(), op + " latency samples");
        }
    }

    @Test
    void anIntervalsLatenciesAreThoseOfThatIntervalAlone() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        IntervalHistograms h = s.keepIntervals(false);
        s.begin(0);
        for (int i = 0; i < 100; i++) {
            s.recordIo(IoOp.READ, 4096, 4096, -1, 1_000, 1_000, -1);
        }
        IntervalResult fast = take(h, s, 100 * MS);
        for (int i = 0; i < 100; i++) {
            s.recordIo(IoOp.READ, 4096, 4096, -1, 5 * MS + i, 5 * MS + i, -1);
        }
        IntervalResult slow = take(h, s, 200 * MS);
        IntervalResult.Direction f = dir(fast, IoOp.READ);
        IntervalResult.Direction w = dir(slow, IoOp.READ);
        assertEquals(1_000, f.clatMin());
        assertEquals(1_000, f.clatP50());
        assertEquals(1_000, f.clatMax());
        assertEquals(5 * MS, w.clatMin(), "the first interval's latencies are not in the second");
        assertTrue(Math.abs(w.clatP50() - (5 * MS + 50)) <= 5 * MS / 1000, "p50 " + w.clatP50());
        assertEquals(5 * MS + 99, w.clatMax());
        assertEquals(w.clatMax(), w.clatP999(), "a percentile never exceeds the exact max");
        assertEquals(0, dir(slow, IoOp.WRITE).clatSamples());
        assertEquals(100 * MS, slow.endNanos() - slow.startNanos(), "the interval spans tick to tick");
    }

    @Test
    void rampTimeIntervalsAreNotMeasuredAndTheOneAcrossItsEndCountsOnlyAfterIt() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        IntervalHistograms h = s.keepIntervals(true);
        s.begin(0); // the job starts: ramp_time
        s.recordIo(IoOp.READ, 4096, 4096, -1, 1_000, 1_000, -1);
        assertNull(take(h, s, 10 * MS), "a ramp interval is not reported");
        s.recordIo(IoOp.READ, 4096, 4096, -1, 1_000, 1_000, -1);
        s.begin(15 * MS); // ramp_time is over
        s.recordIo(IoOp.READ, 8192, 8192, -1, 2_000, 2_000, -1);
        IntervalResult r = take(h, s, 20 * MS);
        assertEquals(1, dir(r, IoOp.READ).ios());
        assertEquals(8192, dir(r, IoOp.READ).bytes());
        assertEquals(2_000, dir(r, IoOp.READ).clatMin());
        assertEquals(15 * MS, r.startNanos(), "the interval starts when measuring does");
    }

    @Test
    void theJobThreadNeverWaitsForTheReader() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        IntervalHistograms h = s.keepIntervals(false);
        s.begin(0);
        h.request();
        s.tick(MS);
        IntervalHistograms.Interval held = h.poll();
        assertNotNull(held);
        h.request(); // ignored: the reader still holds the last one
        for (int i = 0; i < 1000; i++) {
            s.recordIo(IoOp.READ, 4096, 4096, -1, 1_000, 1_000, -1);
            s.tick(2 * MS + i);
        }
        assertEquals(0, held.ios(IoOp.READ), "the held interval is left alone while the job goes on");
        h.release();
        h.request();
        s.tick(3 * MS);
        assertEquals(1000, h.poll().ios(IoOp.READ));
        h.release();
    }

    @Test
    void theJobThreadAllocatesNothingWhileAnotherThreadTakesIntervals() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        JobStats s = new JobStats(READ_WRITE, true, true, 16);
        IntervalHistograms h = s.keepIntervals(false);
        s.begin(0);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong taken = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                h.request();
                IntervalHistograms.Interval interval;
                while ((interval = h.poll()) == null && running.get()) {
                    Thread.onSpinWait();
                }
                if (interval != null) {
                    taken.addAndGet(interval.ios(IoOp.READ) + interval.ios(IoOp.WRITE));
                    h.release();
                }
            }
        });
        reader.start();
        long now = 0;
        long allocated = 0;
        try {
            for (int round = 0; round < 2; round++) {
                long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < 1_000_000; i++) {
                    IoOp d = (i & 1) == 0 ? IoOp.READ : IoOp.WRITE;
                    s.recordIssue(d);
                    s.recordIo(d, 4096, 4096, i & 1023, 1000 + (i & 4095), 2000 + i, 3000 + i);
                    now += 1000;
                    s.tick(now);
                }
                allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            }
        } finally {
            running.set(false);
            reader.join();
        }
        assertTrue(taken.get() > 0, "the reader took intervals while the job ran");
        assertTrue(allocated < 4096, "recording with intervals allocated " + allocated + " bytes");
        assertFalse(reader.isAlive());
    }
}
