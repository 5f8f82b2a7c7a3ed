package dev.jfio.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
    @TempDir
    Path dir;

    private static String job(
            String name,
            String engine,
            double iops,
            long bwBytes,
            long p50,
            long p99,
            long p999,
            double usr,
            double sys) {
        return "{\"jobname\":\"" + name + "\",\"job options\":{\"ioengine\":\"" + engine + "\"},"
                + "\"read\":{\"io_bytes\":4096000,\"total_ios\":1000,\"bw_bytes\":" + bwBytes + ",\"bw\":"
                + bwBytes / 1024 + ",\"iops\":" + iops + ",\"clat_ns\":{\"percentile\":{\"50.000000\":" + p50
                + ",\"99.000000\":" + p99 + ",\"99.900000\":" + p999 + "}}},"
                + "\"write\":{\"io_bytes\":0,\"total_ios\":0,\"iops\":0},"
                + "\"usr_cpu\":" + usr + ",\"sys_cpu\":" + sys + "}";
    }

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Compare.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
        };
    }

    @Test
    void twoReportsSideBySideWithRatiosPerDirectionAndCpu() throws IOException {
        Path a = Files.writeString(
                dir.resolve("a.json"),
                "fio: connected to NBD server\n{\"jobs\":["
                        + job("file", "psync", 20000, 81920000, 48000, 90000, 176000, 4, 40) + "]}");
        Path b = Files.writeString(
                dir.resolve("b.json"),
                "{\"jobs\":[" + job("nbd", "nbd", 10000, 40960000, 96000, 270000, 528000, 10, 50) + "]}");
        String[] r = run(a.toString(), b.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(
                String.join(
                        "\n",
                        "A: file (a.json, ioengine=psync)",
                        "B: nbd (b.json, ioengine=nbd)",
                        "read                         A              B       B/A",
                        "  IOPS                   20.0k          10.0k     0.50x",
                        "  bandwidth          78.1MiB/s      39.1MiB/s     0.50x",
                        "  clat p50              48.0us         96.0us     2.00x",
                        "  clat p99              90.0us        270.0us     3.00x",
                        "  clat p99.9           176.0us        528.0us     3.00x",
                        "cpu                          A              B       B/A",
                        "  usr+sys                44.0%          60.0%     1.36x",
                        ""),
                r[1]);
    }

    @Test
    void oneReportOfTwoJobsComparesTheFirstWithTheSecond() throws IOException {
        Path both = Files.writeString(
                dir.resolve("run.json"),
                "{\"jobs\":["
                        + job("file", "file", 1000, 4096000, 1000, 2000, 3000, 1, 1) + ","
                        + job("nbd", "nbd", 500, 2048000, 2000, 4000, 6000, 1, 1) + "]}");
        String[] r = run(both.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("A: file (run.json, ioengine=file)\nB: nbd (run.json, ioengine=nbd)\n"), r[1]);
        assertTrue(r[1].contains("  IOPS                    1.0k            500     0.50x"), r[1]);
        String[] picked = run(both + "#nbd", both + "#file");
        assertTrue(picked[1].startsWith("A: nbd"), picked[1]);
    }

    @Test
    void badInputIsOneLineAndExitOne() throws IOException {
        Path notJson = Files.writeString(dir.resolve("x.txt"), "hello");
        Path three = Files.writeString(
                dir.resolve("three.json"),
                "{\"jobs\":[" + job("a", "f", 1, 1, 1, 1, 1, 1, 1) + "," + job("b", "f", 1, 1, 1, 1, 1, 1, 1) + ","
                        + job("c", "f", 1, 1, 1, 1, 1, 1, 1) + "]}");
        String[][] cases = {
            run(),
            run(dir.resolve("missing.json").toString(), notJson.toString()),
            run(notJson.toString(), notJson.toString()),
            run(three.toString()),
            run(three.toString(), three.toString()),
            run(three + "#zz", three + "#a"),
        };
        String[] expected = {
            "usage: jfio compare",
            "cannot read " + dir.resolve("missing.json") + ": no such file",
            "is not a JSON report",
            "holds 3 jobs; one report needs exactly two",
            "holds 3 jobs; pick one with",
            "has no job named 'zz'",
        };
        for (int i = 0; i < cases.length; i++) {
            assertEquals("1", cases[i][0]);
            assertTrue(cases[i][2].startsWith("jfio compare: ") && cases[i][2].contains(expected[i]), cases[i][2]);
            assertEquals(1, cases[i][2].strip().split("\n").length, cases[i][2]);
        }
    }
}
