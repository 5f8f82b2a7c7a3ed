package dev.jfio.report;

import static dev.jfio.report.JobFixture.dir;
import static dev.jfio.report.JobFixture.lat;
import static dev.jfio.report.JobFixture.percentilesAt;
import static dev.jfio.report.JobFixture.usecPercentiles;

import dev.jfio.spi.IoOp;
import dev.jfio.stats.CpuResult;
import dev.jfio.stats.GroupResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;
import dev.jfio.stats.RunResult;
import dev.jfio.stats.SampleStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * RunResults built by hand from the figures in fio 3.33's reference outputs
 * (src/test/resources/report/fio-3.33-*), so that jfio's reports can be compared with fio's.
 * Each reference file comes from a separate run, hence one fixture per file.
 */
final class Fixtures {

    static final String VERSION = "jfio-0.1.0";

    private Fixtures() {}

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static GroupResult group(long readBytes, long writeBytes, long runtime) {
        return new GroupResult(0, new GroupResult.DirectionGroup[] {
            groupDir(readBytes, runtime),
            groupDir(writeBytes, runtime),
            new GroupResult.DirectionGroup(0, 0, 0, 0, 0, 0)
        });
    }

    private static GroupResult.DirectionGroup groupDir(long bytes, long runtime) {
        long bw = bytes * 1000 / runtime;
        return new GroupResult.DirectionGroup(bytes, bw, bw, bw, runtime, runtime);
    }

    private static RunResult run(long timestamp, Map<String, String> globals, JobResult job, GroupResult g) {
        return new RunResult(VERSION, timestamp, globals, List.of(job), List.of(g));
    }

    /** fio-3.33-null-randrw.normal.txt: one job, null engine, sync (no slat, no bw samples). */
    static RunResult nullNormal() {
        JobFixture j = new JobFixture();
        j.name = "null-randrw";
        j.pid = 17851;
        j.start = at("2026-11-23T21:17:07Z");
        j.dirs[0] = dir(
                IoOp.READ,
                32737,
                12,
                LatencyResult.EMPTY,
                lat(
                        32737,
                        15,
                        38924,
                        19.87,
                        224.50,
                        percentilesAt(16, 17, 17, 17, 18, 18, 18, 18, 19, 19, 20, 20, 22, 22, 38, 60, 233)),
                lat(32737, 32, 38943, 38.62, 226.24),
                SampleStats.EMPTY,
                SampleStats.EMPTY);
        j.dirs[1] = dir(
                IoOp.WRITE,
                32799,
                12,
                LatencyResult.EMPTY,
                lat(
                        32799,
                        16,
                        327,
                        19.00,
                        2.66,
                        percentilesAt(17, 17, 17, 18, 18, 19, 19, 19, 20, 20, 20, 21, 22, 23, 33, 39, 79)),
                lat(32799, 36, 3510, 43.16, 19.95),
                SampleStats.EMPTY,
                SampleStats.EMPTY);
        j.latNs = new double[] {0, 0, 0, 75.52, 24.44, 0.02, 0.01, 0.01, 0, 0};
        j.latUs = new double[] {0, 0, 0, 0.01, 0.01, 0, 0, 0, 0, 0};
        j.cpu = new CpuResult(45.45, 18.18, 0, 0, 9);
        j.depth[0] = 100;
        j.jobRuntime = 11;
        j.elapsed = 1;
        return run(at("2026-11-23T21:17:07Z"), Map.of(), j.build(), group(32737 * 4096L, 32799 * 4096L, 12));
    }

    /** fio-3.33-nbd-2jobs-group.normal.txt: two nbd jobs at iodepth 16 merged by group_reporting. */
    static RunResult nbdNormal() {
        JobFixture j = new JobFixture();
        j.name = "job0";
        j.jobs = 2;
        j.pid = 17957;
        j.ioengine = "nbd";
        j.iodepth = 16;
        j.start = at("2026-11-23T21:17:12Z");
        j.dirs[0] = dir(
                IoOp.READ,
                236357,
                2001,
                lat(236357, 391, 9_597_300, 1847.34, 57001.81),
                lat(
                        236357,
                        9500,
                        21_338_400,
                        134770,
                        576910,
                        usecPercentiles(
                                36, 49, 52, 55, 57, 59, 61, 62, 64, 67, 73, 108, 3228, 4228, 7635, 9241, 14222)),
                lat(236357, 10500, 21_343_400, 136620, 580880),
                new SampleStats(463120, 499704, 482256.00, 8511.19, 6),
                new SampleStats(115780, 124926, 120564.00, 2127.80, 6));
        j.dirs[1] = dir(
                IoOp.WRITE,
                236665,
                2001,
                lat(236665, 739, 8_229_400, 2755.21, 58781.08),
                lat(
                        236665,
                        4500,
                        26_929_400,
                        130870,
                        573530,
                        usecPercentiles(
                                34, 47, 49, 52, 55, 57, 58, 60, 62, 64, 70, 104, 3228, 4178, 7504, 8717, 14091)),
                lat(236665, 5500, 26_930_400, 133630, 578030),
                new SampleStats(463624, 499992, 482607.00, 8464.92, 6),
                new SampleStats(115906, 124998, 120651.67, 2116.21, 6));
        j.latUs = new double[] {0, 0, 0.02, 0.16, 9.59, 84.96, 2.62, 0.55, 0.10, 0.09};
        j.latMs = new double[] {0.40, 0.73, 0.75, 0.03, 0.01, 0, 0, 0, 0, 0, 0, 0};
        j.cpu = new CpuResult(10.68, 37.77, 21031, 0, 125);
        j.depth = new double[] {0.1, 0.1, 0.1, 0.1, 99.99, 0, 0};
        j.submit = new double[] {0, 100, 0, 0, 0, 0, 0};
        j.complete = new double[] {0, 99.99, 0, 0.1, 0, 0, 0};
        j.jobRuntime = 4000;
        j.elapsed = 3;
        return run(at("2026-11-23T21:17:12Z"), Map.of(), j.build(), group(236357 * 4096L, 236665 * 4096L, 2001));
    }

    /** fio-3.33-null-randrw.terse.txt. */
    static RunResult nullTerse() {
        JobFixture j = new JobFixture();
        j.name = "null-randrw";
        j.dirs[0] = dir(
                IoOp.READ,
                32737,
                12,
                LatencyResult.EMPTY,
                lat(
                        32737,
                        15,
                        10_500,
                        18.425,
                        57.275,
                        percentilesAt(16, 17, 17, 17, 18, 18, 18, 18, 19, 19, 20, 20, 22, 22, 38, 60, 233)),
                lat(32737, 31, 10_600, 36.829, 60.411),
                SampleStats.EMPTY,
                SampleStats.EMPTY);
        j.dirs[1] = dir(
                IoOp.WRITE,
                32799,
                12,
                LatencyResult.EMPTY,
                lat(
                        32799,
                        16,
                        3500,
                        18.994,
                        18.865,
                        percentilesAt(17, 17, 17, 18, 18, 19, 19, 19, 20, 20, 20, 21, 22, 23, 33, 39, 79)),
                lat(32799, 36, 3600, 42.865, 26.843),
                SampleStats.EMPTY,
                SampleStats.EMPTY);
        j.latNs = new double[] {0, 0, 0, 75.5, 24.48, 0.01, 0.01, 0, 0, 0};
        j.latUs = new double[] {0, 0.01, 0, 0.01, 0, 0, 0, 0, 0, 0};
        j.cpu = new CpuResult(72.727273, 0, 0, 0, 11);
        j.depth[0] = 100;
        j.jobRuntime = 11;
        return run(0, Map.of(), j.build(), group(32737 * 4096L, 32799 * 4096L, 12));
    }

    private static JobFixture nullJsonJob() {
        JobFixture j = new JobFixture();
        j.name = "null-randrw";
        j.jobOptions.put("name", "null-randrw");
        j.jobOptions.put("ioengine", "null");
        j.jobOptions.put("rw", "randrw");
        j.jobOptions.put("bs", "4k");
        j.jobOptions.put("size", "256m");
        j.jobOptions.put("iodepth", "1");
        j.depth[0] = 100;
        j.jobRuntime = 11;
        j.elapsed = 1;
        return j;
    }

    /** fio-3.33-null-randrw.json. */
    static RunResult nullJson() {
        JobFixture j = nullJsonJob();
        j.dirs[0] = dir(
                IoOp.READ,
                32737,
                12,
                LatencyResult.EMPTY,
                lat(
                        32737,
                        15,
                        8750,
                        18.540886,
                        48.340234,
                        percentilesAt(16, 17, 17, 17, 18, 18, 18, 18, 19, 19, 20, 20, 21, 22, 36, 41, 153)),
                lat(32737, 31, 9172, 36.991875, 50.760124),
                SampleStats.EMPTY,
                SampleStats.EMPTY);
        j.dirs[1] = dir(
                IoOp.WRITE,
                32799,
                12,
                LatencyResult.EMPTY,
                lat(
                        32799,
                        16,
                        3652,
                        19.166438,
                        20.324699,
                        percentilesAt(17, 17, 18, 18, 18, 19, 19, 19, 20, 20, 20, 21, 22, 22, 25, 32, 310)),
                lat(32799, 36, 3689, 42.996433, 21.165466),
                SampleStats.EMPTY,
                SampleStats.EMPTY);
        j.cpu = new CpuResult(90.909091, 0, 1, 0, 10);
        j.latNs = new double[] {0, 0, 0, 75.704956, 24.261475, 0.018311, 0.01, 0.01, 0, 0};
        j.latUs = new double[] {0, 0.01, 0.01, 0, 0, 0, 0, 0, 0, 0};
        return run(1795468626676L, Map.of(), j.build(), group(32737 * 4096L, 32799 * 4096L, 12));
    }

    /** fio-3.33-null-randrw.jsonplus.json: the histograms hold exactly fio's bins. */
    static RunResult nullJsonPlus() {
        JobFixture j = nullJsonJob();
        Histogram r = new Histogram(3);
        long[][] rb = {
            {15, 1},
            {16, 1624},
            {17, 10855},
            {18, 9904},
            {19, 6389},
            {20, 3319},
            {21, 499},
            {22, 74},
            {23, 10},
            {24, 12},
            {25, 11},
            {26, 8},
            {27, 6},
            {28, 4},
            {29, 3},
            {30, 1},
            {31, 1},
            {34, 3},
            {35, 1},
            {36, 1},
            {37, 1},
            {40, 2},
            {41, 1},
            {43, 1},
            {50, 1},
            {66, 1},
            {90, 1},
            {147, 1},
            {149, 1},
            {8518, 1}
        };
        for (long[] b : rb) {
            r.recordValueWithCount(b[0], b[1]);
        }
        Histogram w = new Histogram(3);
        long[][] wb = {
            {16, 259},
            {17, 3177},
            {18, 8979},
            {19, 10948},
            {20, 7323},
            {21, 1635},
            {22, 364},
            {23, 38},
            {24, 9},
            {25, 11},
            {26, 11},
            {27, 9},
            {28, 6},
            {29, 1},
            {30, 6},
            {31, 1},
            {32, 1},
            {33, 1},
            {34, 2},
            {35, 4},
            {36, 1},
            {37, 1},
            {39, 1},
            {40, 2},
            {43, 1},
            {44, 1},
            {49, 1},
            {67, 1},
            {87, 1},
            {139, 1},
            {195, 1},
            {211, 1},
            {322, 1}
        };
        for (long[] b : wb) {
            w.recordValueWithCount(b[0], b[1]);
        }
        j.dirs[0] = dir(
                IoOp.READ,
                32737,
                12,
                LatencyResult.EMPTY,
                lat(32737, 15, 8518, 18.312643, 47.008172, r),
                lat(32737, 31, 59332, 38.509760, 332.195042),
                SampleStats.EMPTY,
                SampleStats.EMPTY);
        j.dirs[1] = dir(
                IoOp.WRITE,
                32799,
                12,
                LatencyResult.EMPTY,
                lat(32799, 16, 322, 18.918656, 2.655684, w),
                lat(32799, 36, 590, 42.540870, 4.839774),
                SampleStats.EMPTY,
                SampleStats.EMPTY);
        j.cpu = new CpuResult(90.909091, 0, 0, 0, 9);
        j.latNs = new double[] {0, 0, 0, 79.553223, 20.428467, 0.01, 0.01, 0.01, 0, 0};
        j.latUs = new double[] {0, 0, 0.01, 0, 0, 0, 0, 0, 0, 0};
        return run(1795468626960L, Map.of(), j.build(), group(32737 * 4096L, 32799 * 4096L, 12));
    }

    /** fio-3.33-nbd-2jobs-group.json: global options, slat, bw and iops samples. */
    static RunResult nbdJson() {
        JobFixture j = new JobFixture();
        j.name = "job0";
        j.jobs = 2;
        j.ioengine = "nbd";
        j.iodepth = 16;
        j.jobOptions.put("offset", "64m");
        j.jobOptions.put("size", "64m");
        j.elapsed = 3;
        j.dirs[0] = dir(
                IoOp.READ,
                218392,
                2001,
                lat(218392, 390, 40085610, 2153.362504, 104183.003344),
                lat(
                        218392,
                        2758,
                        42820469,
                        144602.635852,
                        762820.578201,
                        percentilesAt(
                                34048, 46848, 50944, 54528, 57088, 58624, 60672, 62720, 64768, 69120, 89600, 185344,
                                2965504, 4227072, 8290304, 11468800, 37486592)),
                lat(218392, 7681, 42821709, 146755.998356, 772585.066925),
                new SampleStats(343805, 510576, 433232.0, 41729.444444, 6),
                new SampleStats(85951, 127644, 108307.666667, 10432.457818, 6));
        j.dirs[1] = dir(
                IoOp.WRITE,
                218540,
                2001,
                lat(218540, 758, 38232768, 3565.259682, 117288.942206),
                lat(
                        218540,
                        1814,
                        42820181,
                        142182.207376,
                        722612.949348,
                        percentilesAt(
                                31872, 44288, 48896, 52480, 54528, 56576, 58112, 60160, 62720, 66048, 88576, 191488,
                                2965504, 4145152, 8585216, 11075584, 27394048)),
                lat(218540, 5381, 42821526, 145747.467059, 736341.668413),
                new SampleStats(342439, 512760, 433561.333333, 42408.268606, 6),
                new SampleStats(85609, 128190, 108390.0, 10602.315822, 6));
        j.cpu = new CpuResult(9.725, 36.75, 39160, 0, 130);
        j.jobRuntime = 4000;
        j.depth = new double[] {0.1, 0.1, 0.1, 0.1, 99.993134, 0, 0};
        j.submit = new double[] {0, 100, 0, 0, 0, 0, 0};
        j.complete = new double[] {0, 99.999771, 0, 0.1, 0, 0, 0};
        j.latUs = new double[] {
            0.01, 0.01, 0.082622, 0.203235, 10.504609, 80.496965, 4.990708, 1.251682, 0.301191, 0.187443
        };
        j.latMs = new double[] {0.570112, 0.714757, 0.628931, 0.048978, 0.017623, 0, 0, 0, 0, 0, 0, 0};
        Map<String, String> globals = new LinkedHashMap<>();
        globals.put("ioengine", "nbd");
        globals.put("rw", "randrw");
        globals.put("bs", "4k");
        globals.put("iodepth", "16");
        globals.put("runtime", "2");
        globals.put("uri", "nbd+unix://?socket=/tmp/nbdkitwcWEon/socket");
        return run(1795468629799L, globals, j.build(), group(218392 * 4096L, 218540 * 4096L, 2001));
    }
}
