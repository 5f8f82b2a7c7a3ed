package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.JobParser;
import dev.jfio.job.JobSpec;
import dev.jfio.job.OptionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When the I/O loop runs its seldom checks: at its start, then at least every check interval, and
 * exactly at the end of the ramp and at runtime's deadline, which must not wait for the interval.
 */
class RunClockChecksTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = RunClock.CHECK_INTERVAL_NANOS;

    private static RunClock clock(String... args) {
        List<String> all = new ArrayList<>(List.of("--name=j", "--ioengine=null", "--size=1m"));
        all.addAll(List.of(args));
        JobParser parser = new JobParser(new OptionCatalog(Map.of("null", List.of()), Map.of()), Map.of(), s -> "null");
        JobSpec spec = parser.parse(List.of(), all, Set.of()).jobs().get(0);
        return new RunClock(spec);
    }

    @Test
    void checksAreDueAtTheStartAndThenOncePerInterval() {
        RunClock clock = clock("--time_based", "--runtime=10");
        long start = 5_000 * MS;
        clock.start(start);
        assertEquals(1, clock.checksDue(start));
        clock.checked(start);
        assertEquals(0, clock.checksDue(start + INTERVAL - 1));
        assertEquals(1, clock.checksDue(start + INTERVAL));
        assertEquals(1, clock.checksDue(start + 3 * INTERVAL));
    }

    @Test
    void theRampsEndAndTheDeadlineAreCheckedOnTimeNotAtTheNextInterval() {
        long ramp = 1000 * MS;
        long runtime = 2000 * MS;
        RunClock clock = clock("--time_based", "--ramp_time=1", "--runtime=2");
        long start = -7 * MS; // System.nanoTime may be negative
        clock.start(start);
        long beforeRampEnd = start + ramp - INTERVAL / 2;
        clock.checked(beforeRampEnd);
        assertEquals(0, clock.checksDue(start + ramp - 1));
        assertEquals(1, clock.checksDue(start + ramp));

        assertTrue(clock.rampEnds(start + ramp));
        long beforeDeadline = start + ramp + runtime - INTERVAL / 3;
        clock.checked(beforeDeadline);
        assertEquals(0, clock.checksDue(start + ramp + runtime - 1));
        assertEquals(1, clock.checksDue(start + ramp + runtime));
    }

    @Test
    void withoutRuntimeTheChecksKeepTheirInterval() {
        for (long start : new long[] {0, -9_000 * MS}) { // System.nanoTime may be negative
            RunClock clock = clock();
            clock.start(start);
            clock.checked(start + 3 * MS);
            assertEquals(0, clock.checksDue(start + 3 * MS + INTERVAL - 1), "start " + start);
            assertEquals(1, clock.checksDue(start + 3 * MS + INTERVAL), "start " + start);
        }
    }
}
