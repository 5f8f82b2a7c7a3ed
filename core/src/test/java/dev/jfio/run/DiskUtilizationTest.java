package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.stats.DiskUtilResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio's diskutil.c over a sysfs laid out in a directory: a file on a partition of a device-mapper
 * disk built on two disks reports the dm disk with its slaves' averages, then each slave.
 */
class DiskUtilizationTest {
    @TempDir
    Path root;

    private Path device(Path parent, String name, String stat) throws IOException {
        Path d = Files.createDirectories(parent.resolve(name));
        Files.createDirectories(d.resolve("queue"));
        Files.writeString(d.resolve("stat"), stat + "\n");
        return d;
    }

    private static String stat(long rios, long wios, long ioTicks) {
        // reads merges sectors ticks writes merges sectors ticks in_flight io_ticks time_in_queue
        return rios + " 1 8 2 " + wios + " 3 16 4 0 " + ioTicks + " 9 0 0 0 0";
    }

    @Test
    void aDeviceWithSlavesReportsItsCountersAndTheSlavesAverages() throws Exception {
        Path devices = Files.createDirectories(root.resolve("devices"));
        Path dm = device(devices, "dm-0", stat(10, 20, 0));
        Path a = device(devices, "vdb", stat(100, 200, 0));
        Path b = device(devices, "vdc", stat(1000, 2000, 0));
        Path partition = Files.createDirectories(dm.resolve("dm-0p1")); // a partition has no queue/
        Files.writeString(partition.resolve("stat"), stat(0, 0, 0));
        Files.createDirectories(dm.resolve("slaves"));
        Files.createSymbolicLink(dm.resolve("slaves/vdb"), a);
        Files.createSymbolicLink(dm.resolve("slaves/vdc"), b);

        Path file = Files.writeString(root.resolve("data"), "x");
        long dev = (Long) Files.getAttribute(file, "unix:dev");
        Path sysDevBlock = Files.createDirectories(root.resolve("dev-block"));
        Files.createSymbolicLink(sysDevBlock.resolve(BlockDevices.majorMinor(dev)), partition);

        DiskUtilization util = new DiskUtilization(new BlockDevices(sysDevBlock));
        util.trackFile(file.toString());
        util.trackFile(file.toString()); // a second job on the same disk counts it once
        Thread.sleep(50);
        Files.writeString(dm.resolve("stat"), stat(15, 30, 0));
        Files.writeString(a.resolve("stat"), stat(104, 210, 10_000)); // busier than the elapsed time
        Files.writeString(b.resolve("stat"), stat(1006, 2030, 0));
        List<DiskUtilResult> disks = util.finish();

        assertEquals(
                List.of("dm-0", "vdb", "vdc"),
                disks.stream().map(DiskUtilResult::name).toList());
        DiskUtilResult top = disks.get(0);
        assertEquals(5, top.readIos());
        assertEquals(10, top.writeIos());
        assertEquals(0.0, top.util());
        DiskUtilResult.SlaveAggregate agg = top.slaves();
        assertNotNull(agg);
        assertEquals(5, agg.readIos(), "(4 + 6) / 2");
        assertEquals(20, agg.writeIos(), "(10 + 30) / 2");
        assertEquals(100.0, agg.maxUtil(), "the busiest slave, capped at 100");
        assertEquals(100.0, disks.get(1).util());
        assertNull(disks.get(1).slaves());
    }

    @Test
    void aFileOnNoBlockDeviceHasNoDisk() throws Exception {
        Path file = Files.writeString(root.resolve("data"), "x");
        DiskUtilization util = new DiskUtilization(new BlockDevices(Files.createDirectories(root.resolve("empty"))));
        util.trackFile(file.toString());
        util.trackFile(root.resolve("not-yet").toString());
        assertTrue(util.finish().isEmpty());
    }

    @Test
    void statLinesNeedElevenFields() {
        assertTrue(DiskUtilization.Stat.parse("1 2 3").isEmpty());
        assertEquals(9, DiskUtilization.Stat.parse(stat(1, 2, 3)).orElseThrow()[DiskUtilization.Stat.TIME_IN_QUEUE]);
    }
}
