package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.JobParser;
import dev.jfio.job.JobSpec;
import dev.jfio.job.OptionCatalog;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.JobStats;
import dev.jfio.workload.RatePacer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When {@link Pacer} makes a job think: thinktime_blocks_type, thinktime_iotime; and rate_ignore_thinktime's slide. */
class ThinkTimeTriggerTest {
    private static JobSpec job(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--name=j";
        all[1] = "--ioengine=null";
        all[2] = "--size=1m";
        System.arraycopy(args, 0, all, 3, args.length);
        JobParser parser = new JobParser(new OptionCatalog(Map.of("null", List.of()), Map.of()), Map.of(), t -> t);
        return parser.parse(List.of(), List.of(all), Set.of()).jobs().get(0);
    }

    private static Pacer pacer(JobSpec spec, JobStats stats) {
        Pacer p = new Pacer(spec, new Seeds(spec, 0, 0), new StopSignal(), stats);
        p.start(System.nanoTime());
        return p;
    }

    private static JobStats stats() {
        JobStats s = new JobStats(new boolean[] {true, true, false}, true, false, 8);
        s.begin(System.nanoTime());
        return s;
    }

    private static void complete(JobStats s, int n) {
        for (int i = 0; i < n; i++) {
            s.recordIo(IoOp.READ, 4096, 4096, 10, 10, 20, -1);
        }
    }

    @Test
    void byDefaultThinktimeBlocksCountCompletedIos() {
        JobStats s = stats();
        Pacer p = pacer(job("--thinktime=10", "--thinktime_blocks=4"), s);
        for (int i = 0; i < 6; i++) {
            assertFalse(p.thinkDue(), "issued but none completed: no think at " + (i + 1));
        }
        complete(s, 4);
        assertTrue(p.thinkDue(), "4 completed");
    }

    @Test
    void withBlocksTypeIssueThinktimeBlocksCountIssuedIos() {
        Pacer p = pacer(job("--thinktime=10", "--thinktime_blocks=4", "--thinktime_blocks_type=issue"), stats());
        assertFalse(p.thinkDue());
        assertFalse(p.thinkDue());
        assertFalse(p.thinkDue());
        assertTrue(p.thinkDue(), "the 4th issued I/O, none completed");
        p.think();
        assertFalse(p.thinkDue(), "counting starts again after the pause");
    }

    @Test
    void thinktimeIotimeThinksAfterThatLongOfIoAndNotPerBlock() throws Exception {
        JobStats s = stats();
        Pacer p = pacer(job("--thinktime=1", "--thinktime_iotime=500ms"), s);
        complete(s, 10);
        assertFalse(p.thinkDue(), "without thinktime_blocks set, blocks do not count; 500 ms have not passed");
        long until = System.nanoTime() + 520_000_000L;
        while (System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertTrue(p.thinkDue(), "500 ms of I/O (plus the 1 us thinktime) passed");
    }

    @Test
    void rateIgnoreThinktimeSlidesTheScheduleInsteadOfCatchingUp() {
        RatePacer catchingUp = new RatePacer(0, 1000, false, 1);
        RatePacer sliding = new RatePacer(0, 1000, false, 1);
        catchingUp.start(0);
        sliding.start(0);
        assertEquals(0, catchingUp.nextDueNanos(0, 4096));
        assertEquals(0, sliding.nextDueNanos(0, 4096));
        sliding.skip(10_000_000L, 4096); // thought 10 ms after the first I/O; 1 ms between I/Os
        assertEquals(1_000_000L, catchingUp.nextDueNanos(0, 4096), "due right away after the pause: catches up");
        assertEquals(10_000_000L, sliding.nextDueNanos(0, 4096), "the pause less one gap: goes right after it");
        assertEquals(2_000_000L, catchingUp.nextDueNanos(0, 4096));
        assertEquals(11_000_000L, sliding.nextDueNanos(0, 4096), "then at the rate, with no burst");
    }
}
