package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * fio's disk utilisation: a file job on a block-backed filesystem reports the device under it in
 * JSON, terse and normal output, with figures of the same kind as fio 3.33's for the same job; a
 * job without a disk (null) reports none, as fio.
 */
class DiskUtilTest {
    private static final int IOS = 4096; // 16 MiB in 4 KiB direct writes

    private Path dir;

    @BeforeEach
    void blockBackedDirectory() throws IOException {
        // the build directory sits on the machine's disk (/dev/vda here); /tmp may be a tmpfs elsewhere
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "diskutil");
        long dev = (Long) Files.getAttribute(dir, "unix:dev");
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        boolean block = Files.exists(Path.of("/sys/dev/block/" + major + ":" + minor));
        if (!block && "true".equals(System.getenv("CI"))) {
            fail("the build directory " + dir + " must be on a block device for this test (device " + major + ":"
                    + minor + ")");
        }
        assumeTrue(block, "needs the build directory on a block device, not " + major + ":" + minor);
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String[] job(String name, String format) {
        return new String[] {
            "--name=" + name,
            "--filename=" + dir.resolve(name + ".dat"),
            "--size=16m",
            "--rw=randwrite",
            "--bs=4k",
            "--direct=1",
            "--ioengine=psync",
            "--output-format=" + format
        };
    }

    @Test
    void fileJobReportsTheDiskUnderItLikeFio() throws Exception {
        Path fioOut = dir.resolve("fio.json");
        RealFio.run(concat(job("fio", "json"), "--output=" + fioOut));
        Map<?, ?> fio = (Map<?, ?>) MiniJson.at(MiniJson.parse(Files.readString(fioOut)), "disk_util", 0);

        JfioRun r = JfioRun.run(job("jfio", "json"));
        Map<?, ?> ours = (Map<?, ?>) MiniJson.at(r.json(), "disk_util", 0);
        assertEquals(fio.keySet().stream().toList(), ours.keySet().stream().toList(), "fio's keys in fio's order");
        assertEquals(MiniJson.at(fio, "name"), MiniJson.at(ours, "name"), "the same device");
        // jfio reads the counters after the job: every write of the job is there (others share the disk)
        long writes = MiniJson.integer(ours, "write_ios");
        assertTrue(writes >= IOS && writes < 50 * IOS, "write_ios " + writes + " in " + ours);
        // fio's last 250 ms reading can come well before its job ends, so its count is only of the same kind
        assertTrue(MiniJson.integer(fio, "write_ios") > 0, fio.toString());
        for (Map<?, ?> d : new Map<?, ?>[] {fio, ours}) {
            double util = MiniJson.number(d, "util");
            assertTrue(util > 0 && util <= 100, "util " + util + " in " + d);
            assertTrue(MiniJson.integer(d, "write_ticks") > 0, d.toString());
        }
    }

    @Test
    void terseVersionThreeEndsWithTheNineDiskFieldsAndNormalHasDiskStats() {
        JfioRun r = JfioRun.run(concat(job("t", "terse,normal")));
        assertEquals(0, r.exit(), r.toString());
        String terse =
                r.out().lines().filter(l -> l.startsWith("3;")).findFirst().orElseThrow();
        String[] f = terse.split(";", -1);
        assertEquals(130, f.length, "fio's 121 fields and one disk's 9: " + terse);
        assertTrue(Long.parseLong(f[123]) >= IOS, "write ios " + f[123]);
        assertTrue(f[129].matches("\\d+\\.\\d\\d%"), f[129]);
        assertTrue(
                r.out()
                        .matches(
                                "(?s).*\nDisk stats \\(read/write\\):\n  " + f[121]
                                        + ": ios=\\d+/\\d+, merge=\\d+/\\d+, ticks=\\d+/\\d+, in_queue=\\d+, util=\\d+\\.\\d\\d%\n"),
                r.out());
    }

    @Test
    void diskUtilOffReportsNoDisk() {
        JfioRun r = JfioRun.run(concat(job("off", "json"), "--disk_util=0"));
        assertFalse(((Map<?, ?>) r.json()).containsKey("disk_util"), r.out());
    }

    @Test
    void jobWithoutADiskReportsNoneAsFio() throws Exception {
        String[] nullJob = {"--name=n", "--ioengine=null", "--size=16m", "--output-format=json"};
        String fio = RealFio.run(nullJob);
        assertFalse(((Map<?, ?>) MiniJson.parse(fio)).containsKey("disk_util"), fio);
        JfioRun r = JfioRun.run(nullJob);
        assertFalse(((Map<?, ?>) r.json()).containsKey("disk_util"), r.out());
        JfioRun normal = JfioRun.run("--name=n", "--ioengine=null", "--size=16m");
        assertFalse(normal.out().contains("Disk stats"), normal.out());
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
