package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jfio.stats.CpuIdleness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --idle-prof's arithmetic over two readings of a /proc/stat laid out in a file. */
class IdleProfileTest {
    @TempDir
    Path dir;

    @Test
    void idleAndIowaitOverAllTimeBetweenTheReadings() throws Exception {
        Path stat = dir.resolve("stat");
        // user nice system idle iowait irq softirq steal guest guest_nice
        Files.writeString(
                stat,
                "cpu  100 0 100 100 0 0 0 0 0 0\ncpu0 50 0 50 50 0 0 0 0 0 0\n"
                        + "cpu1 50 0 50 50 0 0 0 0 0 0\nintr 1 2 3\n");
        IdleProfile percpu = IdleProfile.start("percpu", stat);
        IdleProfile system = IdleProfile.start("system", stat);
        // cpu0: 100 busy, 0 idle; cpu1: 25 busy, 50 idle, 25 iowait
        Files.writeString(
                stat,
                "cpu  225 0 100 150 25 0 0 0 0 0\ncpu0 150 0 50 50 0 0 0 0 0 0\n" + "cpu1 75 0 50 100 25 0 0 0 0 0\n");
        CpuIdleness all = percpu.finish();
        assertEquals(100.0 * 75 / 200, all.system(), 1e-9);
        assertArrayEquals(new double[] {0.0, 75.0}, all.perCpu(), 1e-9);
        assertNull(system.finish().perCpu());
    }

    @Test
    void noModeNoProfile() {
        assertNull(IdleProfile.start(null));
    }
}
