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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio's zoned and zoned_abs random distributions (per direction too) and the distribution centre
 * ({@code zipf:θ:center}), run through the real runner with {@link OffsetPatternRunTest.Recorder} on
 * a 1 MiB target and compared with the offsets of fio 3.33's iolog for the same job.
 */
class RandomDistributionRunTest {
    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        OffsetPatternRunTest.IOS.clear();
    }

    /** Each I/O: {op (0 read, 1 write), offset}. */
    private List<long[]> jfio(String... options) throws IOException {
        List<String> args = new ArrayList<>(
                List.of("--name=t", "--ioengine=recorder", "--filename=t0", "--size=1m", "--bs=4k", "--io_size=16m"));
        args.addAll(List.of(options));
        new OneEngineRun(dir, OffsetPatternRunTest.Recorder.class).run(args.toArray(new String[0]));
        return new ArrayList<>(OffsetPatternRunTest.IOS);
    }

    private List<long[]> fio(String... options) throws Exception {
        requireFio();
        Path log = dir.resolve("fio.iolog");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(
                "fio",
                "--name=t",
                "--ioengine=null",
                "--size=1m",
                "--bs=4k",
                "--io_size=16m",
                "--write_iolog=" + log,
                "--output=" + dir.resolve("fio.out")));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("fio failed: " + command + "\n" + out);
        }
        List<long[]> ios = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5 && (f[2].equals("read") || f[2].equals("write"))) {
                ios.add(new long[] {f[2].equals("read") ? 0 : 1, Long.parseLong(f[3])});
            }
        }
        return ios;
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

    /** The share of I/Os of direction {@code op} (-1: all) with offsets in [from, to). */
    private static double share(List<long[]> ios, int op, long from, long to) {
        long n = 0;
        long in = 0;
        for (long[] io : ios) {
            if (op < 0 || io[0] == op) {
                n++;
                in += io[1] >= from && io[1] < to ? 1 : 0;
            }
        }
        return (double) in / n;
    }

    private static long mostFrequentOffset(List<long[]> ios) {
        Map<Long, Integer> counts = new HashMap<>();
        for (long[] io : ios) {
            counts.merge(io[1], 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    @Test
    void zonedSendsEachZoneItsShareOfRandomIosAsFioDoes() throws Exception {
        String d = "--random_distribution=zoned:60/10:30/20:10/70";
        List<long[]> jfio = jfio("--rw=randread", d);
        List<long[]> fio = fio("--rw=randread", d);
        assertEquals(4096, jfio.size());
        // fio's zones over 256 blocks: [0, 25), [25, 76), [76, 255)
        long[] bounds = {0, 25 * 4096, 76 * 4096, 1 << 20};
        double[] expected = {0.6, 0.3, 0.1};
        for (int z = 0; z < 3; z++) {
            double j = share(jfio, -1, bounds[z], bounds[z + 1]);
            double f = share(fio, -1, bounds[z], bounds[z + 1]);
            assertTrue(Math.abs(j - expected[z]) < 0.04, "zone " + z + ": jfio " + j);
            assertTrue(Math.abs(j - f) < 0.05, "zone " + z + ": jfio " + j + ", fio " + f);
        }
    }

    @Test
    void zonedAbsTakesZoneSizesInBytesAsFioDoes() throws Exception {
        String d = "--random_distribution=zoned_abs:80/128k:20/896k";
        double j = share(jfio("--rw=randread", d), -1, 0, 128 << 10);
        double f = share(fio("--rw=randread", d), -1, 0, 128 << 10);
        assertTrue(Math.abs(j - 0.8) < 0.04 && Math.abs(j - f) < 0.05, "first 128k: jfio " + j + ", fio " + f);
    }

    @Test
    void zonedPerDirectionGivesReadsAndWritesTheirOwnZones() throws IOException {
        String d = "--random_distribution=zoned:100/50,0/50:100/50";
        // as fio's HOWTO documents; fio 3.33 itself rejects any value with a comma here (its option
        // parser matches "zoned" against the text up to the first ',' rather than the ':')
        List<long[]> jfio = jfio("--rw=randrw", d);
        assertEquals(1.0, share(jfio, 0, 0, 512 << 10), "reads in the first half");
        assertEquals(1.0, share(jfio, 1, 512 << 10, 1 << 20), "writes in the second half");
        clear();
        List<long[]> one = jfio("--rw=randrw", "--random_distribution=zoned:100/50");
        assertEquals(1.0, share(one, -1, 0, 512 << 10), "one set applies to both directions");
    }

    @Test
    void centerPutsTheHottestBlockThereAsFioDoes() throws Exception {
        for (String c : new String[] {"0.5", "0.25"}) {
            clear();
            String d = "--random_distribution=zipf:2.0:" + c;
            long expected = (long) (256 * Double.parseDouble(c)) * 4096;
            assertEquals(expected, mostFrequentOffset(jfio("--rw=randread", d)), "center " + c);
            assertEquals(expected, mostFrequentOffset(fio("--rw=randread", d)), "fio, center " + c);
        }
    }
}
