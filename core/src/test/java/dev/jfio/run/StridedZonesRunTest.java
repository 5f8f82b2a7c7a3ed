package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio's zonemode=strided with zonesize, zonerange and zoneskip, run through the real runner with
 * {@link OffsetPatternRunTest.Recorder} on a 1 MiB target and compared with the offsets in fio 3.33's
 * iolog of the same job: sequential jobs offset for offset, random ones zone for zone.
 */
class StridedZonesRunTest {
    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        OffsetPatternRunTest.IOS.clear();
    }

    private List<Long> jfio(String... options) throws IOException {
        OffsetPatternRunTest.IOS.clear();
        List<String> args = new ArrayList<>(List.of(
                "--name=t", "--ioengine=recorder", "--filename=t0", "--size=1m", "--bs=16k", "--zonemode=strided"));
        args.addAll(List.of(options));
        new OneEngineRun(dir, OffsetPatternRunTest.Recorder.class).run(args.toArray(new String[0]));
        List<Long> offsets = new ArrayList<>();
        for (long[] io : OffsetPatternRunTest.IOS) {
            offsets.add(io[1]);
        }
        return offsets;
    }

    private List<Long> fio(String... options) throws Exception {
        requireFio();
        Path log = dir.resolve("fio.iolog");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(
                "fio",
                "--name=t",
                "--ioengine=null",
                "--size=1m",
                "--bs=16k",
                "--zonemode=strided",
                "--write_iolog=" + log,
                "--output=" + dir.resolve("fio.out")));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("fio failed: " + command + "\n" + out);
        }
        List<Long> offsets = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5 && (f[2].equals("read") || f[2].equals("write"))) {
                offsets.add(Long.parseLong(f[3]));
            }
        }
        return offsets;
    }

    private static void requireFio() {
        boolean present = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(d, "fio"));
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("fio 3.33 is needed to compare with (Debian: apt-get install fio)");
        }
        assumeTrue(present, "needs fio to compare with (Debian: apt-get install fio)");
    }

    private static List<Long> zoneOf(List<Long> offsets, long stride) {
        List<Long> zones = new ArrayList<>();
        for (long o : offsets) {
            zones.add(o / stride);
        }
        return zones;
    }

    @Test
    void sequentialJobsVisitZonesizeBytesOfEachZoneAsFioDoes() throws Exception {
        for (String[] o : new String[][] {
            {"--zonesize=64k", "--zonerange=256k"},
            {"--zonesize=64k", "--zonerange=256k", "--zoneskip=128k"},
            {"--zonesize=64k", "--zoneskip=64k"},
            {"--zonesize=128k", "--zonerange=64k"},
            {"--zonesize=96k", "--zonerange=64k", "--zoneskip=64k"},
        }) {
            List<String> opts = new ArrayList<>(List.of(o));
            opts.add("--rw=read");
            List<Long> expected = fio(opts.toArray(new String[0]));
            assertEquals(64, expected.size());
            assertEquals(expected, jfio(opts.toArray(new String[0])), String.join(" ", o));
        }
    }

    @Test
    void randomJobsStayInEachZoneForZonesizeBytesAsFioDoes() throws Exception {
        for (String[] o : new String[][] {
            {"--zonesize=64k", "--zonerange=256k", "256"},
            {"--zonesize=64k", "--zonerange=256k", "--zoneskip=128k", "384"},
            {"--zonesize=128k", "--zonerange=64k", "64"},
        }) {
            List<String> opts = new ArrayList<>(List.of(o).subList(0, o.length - 1));
            opts.add("--rw=randread");
            long stride = Long.parseLong(o[o.length - 1]) << 10;
            List<Long> expected = fio(opts.toArray(new String[0]));
            List<Long> actual = jfio(opts.toArray(new String[0]));
            assertEquals(zoneOf(expected, stride), zoneOf(actual, stride), String.join(" ", o));
            assertTrue(actual.stream().distinct().count() > actual.size() / 4, "random within the zones");
        }
    }

    @Test
    void zonesizeWithoutStridedModeIsAnErrorAsInFio() throws Exception {
        try {
            new OneEngineRun(dir, OffsetPatternRunTest.Recorder.class)
                    .run("--name=t", "--ioengine=recorder", "--filename=t0", "--size=1m", "--zonesize=64k");
            fail("zonesize without zonemode=strided was accepted");
        } catch (dev.jfio.job.JobSpecException e) {
            assertTrue(e.getMessage().contains("zonemode=none and zonesize are not compatible"), e.getMessage());
        }
    }
}
