package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** drain_timeout, jfio's own option: how long I/O in flight at runtime's end may take to complete. */
class DrainTimeoutOptionTest {
    private static JobSpec job(String... args) {
        return TestCatalogs.parser(Map.of())
                .parse(List.of(), List.of(args), Set.of())
                .jobs()
                .get(0);
    }

    @Test
    void defaultsToFiveSeconds() {
        Timing t = job("--name=j", "--runtime=10").timing();
        assertEquals(5_000_000_000L, t.drainTimeoutNanos());
        assertTrue(t.hasDeadline());
        assertFalse(job("--name=j", "--size=1m").timing().hasDeadline(), "a size-bounded job has no deadline");
    }

    @Test
    void takesSecondsByDefaultAndAnyTimeUnit() {
        assertEquals(
                2_000_000_000L, job("--name=j", "--drain_timeout=2").timing().drainTimeoutNanos());
        assertEquals(
                250_000_000L, job("--name=j", "--drain_timeout=250ms").timing().drainTimeoutNanos());
        assertEquals(0L, job("--name=j", "--drain_timeout=0").timing().drainTimeoutNanos());
    }

    @Test
    void refusesWhatIsNotATimeWithOneLine() {
        String m = assertThrows(JobSpecException.class, () -> job("--name=j", "--drain_timeout=soon"))
                .getMessage();
        assertEquals("command line:2: drain_timeout=soon: invalid time 'soon'", m);
        m = assertThrows(JobSpecException.class, () -> job("--name=j", "--drain_timeout=-1"))
                .getMessage();
        assertTrue(m.contains("drain_timeout=-1") && !m.contains("\n"), m);
    }

    @Test
    void helpSaysItIsJfiosOwnAndGivesTheDefault() {
        String help = CoreOptions.helpFor("drain_timeout");
        assertTrue(help.contains("jfio only") && help.contains("ETIMEDOUT"), help);
        assertTrue(help.contains("default: 5s"), help);
    }
}
