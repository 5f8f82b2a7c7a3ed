package dev.jfio.cli;

import static dev.jfio.testing.MiniJson.at;
import static dev.jfio.testing.MiniJson.integer;
import static dev.jfio.testing.MiniJson.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jfio command end to end, in-process, on the null engine. */
class CommandLineJobsTest {

    @Test
    void nullRandreadOfOneGigabyteMovesExactlyOneGigabyteAndPrintsOnlyJson() {
        JfioRun r = JfioRun.run(
                "--name=t", "--ioengine=null", "--rw=randread", "--bs=4k", "--size=1g", "--output-format=json");
        Object doc = r.json();
        assertEquals(1073741824L, integer(doc, "jobs", 0, "read", "io_bytes"));
        assertEquals(262144L, integer(doc, "jobs", 0, "read", "total_ios"));
        assertEquals(0L, integer(doc, "jobs", 0, "write", "io_bytes"));
        assertEquals("t", at(doc, "jobs", 0, "jobname"));
    }

    @Test
    void rateIopsOfOneThousandForThreeSecondsGivesAboutThreeThousandIos() {
        JfioRun r = JfioRun.run(
                "--name=r",
                "--ioengine=null",
                "--rw=randread",
                "--bs=4k",
                "--size=1g",
                "--rate_iops=1000",
                "--runtime=3",
                "--time_based",
                "--output-format=json");
        Object doc = r.json();
        long ios = integer(doc, "jobs", 0, "read", "total_ios");
        assertTrue(ios >= 2950 && ios <= 3050, "total_ios " + ios);
        // rate-limited jobs also measure from each I/O's scheduled time
        assertEquals(ios, integer(doc, "jobs", 0, "read", "sched_lat_ns", "N"));
    }

    @Test
    void loopsRepeatTheRegionAndIoSizeWrapsIt() {
        Object loops = JfioRun.run(
                        "--name=l",
                        "--ioengine=null",
                        "--rw=read",
                        "--bs=64k",
                        "--size=8m",
                        "--loops=3",
                        "--output-format=json")
                .json();
        assertEquals(3 * 8L << 20, integer(loops, "jobs", 0, "read", "io_bytes"));
        Object wrap = JfioRun.run(
                        "--name=w",
                        "--ioengine=null",
                        "--rw=randwrite",
                        "--bs=4k",
                        "--size=1m",
                        "--io_size=5m",
                        "--output-format=json")
                .json();
        assertEquals(5L << 20, integer(wrap, "jobs", 0, "write", "io_bytes"));
    }

    @Test
    void randomMixWithoutNorandommapMovesExactlySizeAcrossDirections() {
        Object doc = JfioRun.run(
                        "--name=m",
                        "--ioengine=null",
                        "--rw=randrw",
                        "--rwmixread=70",
                        "--bs=4k",
                        "--size=64m",
                        "--output-format=json")
                .json();
        long read = integer(doc, "jobs", 0, "read", "io_bytes");
        long write = integer(doc, "jobs", 0, "write", "io_bytes");
        assertEquals(64L << 20, read + write);
        double share = (double) read / (read + write);
        assertTrue(share > 0.66 && share < 0.74, "read share " + share);
    }

    @Test
    void numjobsWithoutGroupReportingReportsEachCloneAndWithItOneMergedJob() {
        Object separate = JfioRun.run(
                        "--name=n",
                        "--ioengine=null",
                        "--rw=read",
                        "--bs=4k",
                        "--size=4m",
                        "--numjobs=3",
                        "--output-format=json")
                .json();
        assertEquals(3, ((List<?>) at(separate, "jobs")).size());
        Object merged = JfioRun.run(
                        "--name=n",
                        "--ioengine=null",
                        "--rw=read",
                        "--bs=4k",
                        "--size=4m",
                        "--numjobs=3",
                        "--group_reporting",
                        "--output-format=json")
                .json();
        assertEquals(1, ((List<?>) at(merged, "jobs")).size());
        assertEquals(3 * 4L << 20, integer(merged, "jobs", 0, "read", "io_bytes"));
    }

    @Test
    void asyncEngineAtDepth32KeepsDepthAndRecordsSubmissionLatency() {
        Object doc = JfioRun.run(
                        "--name=a",
                        "--ioengine=null",
                        "--null_mode=async",
                        "--rw=randread",
                        "--bs=4k",
                        "--size=64m",
                        "--iodepth=32",
                        "--output-format=json")
                .json();
        assertEquals(16384L, integer(doc, "jobs", 0, "read", "slat_ns", "N"));
        assertTrue(number(doc, "jobs", 0, "iodepth_level", "32") > 0, "depth 32 bucket");
    }

    @Test
    void fsyncEveryFourWritesSendsOneFlushPerFourWritesAndEndFsyncOneMore() {
        Object doc = JfioRun.run(
                        "--name=f",
                        "--ioengine=null",
                        "--rw=write",
                        "--bs=4k",
                        "--size=400k",
                        "--fsync=4",
                        "--end_fsync=1",
                        "--output-format=json")
                .json();
        assertEquals(100L, integer(doc, "jobs", 0, "write", "total_ios"));
        // 100 writes: a flush after every 4th write that another write follows (24, as fio) plus end_fsync
        assertEquals(25L, integer(doc, "jobs", 0, "sync", "total_ios"));
    }

    @Test
    void rampTimeIsExcludedFromTheMeasuredRuntime() {
        Object doc = JfioRun.run(
                        "--name=ramp",
                        "--ioengine=null",
                        "--rw=read",
                        "--bs=4k",
                        "--size=1g",
                        "--ramp_time=1",
                        "--runtime=1",
                        "--time_based",
                        "--rate_iops=2000",
                        "--output-format=json")
                .json();
        long runtime = integer(doc, "jobs", 0, "read", "runtime");
        long ios = integer(doc, "jobs", 0, "read", "total_ios");
        // without the ramp the runtime would be about 2000 ms and the I/Os about 4000
        assertTrue(runtime >= 950 && runtime <= 1500, "runtime " + runtime);
        assertTrue(ios >= 1800 && ios <= 2100, "ios " + ios);
    }

    @Test
    void thinktimePausesBetweenBlocks() {
        long start = System.nanoTime();
        Object doc = JfioRun.run(
                        "--name=think",
                        "--ioengine=null",
                        "--rw=read",
                        "--bs=4k",
                        "--size=40k",
                        "--thinktime=20ms",
                        "--output-format=json")
                .json();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(10L, integer(doc, "jobs", 0, "read", "total_ios"));
        assertTrue(elapsedMs >= 200, "10 blocks with 20 ms thinktime took " + elapsedMs + " ms");
    }

    @Test
    void jobFileWithGlobalsSectionsVariablesNumjobsAndGroups(@TempDir Path dir) throws IOException {
        Path job = dir.resolve("jobs.fio");
        Files.writeString(
                job,
                String.join(
                        "\n",
                        "; a job file as fio reads it",
                        "[global]",
                        "ioengine=null",
                        "bs=${BS}",
                        "size=4m",
                        "group_reporting",
                        "[first]",
                        "rw=read",
                        "numjobs=2",
                        "[second]",
                        "stonewall",
                        "rw=write",
                        "description=${UNSET_VARIABLE}after",
                        ""));
        JfioRun r = JfioRun.run(Map.of("BS", "8k"), job.toString(), "--output-format=json");
        Object doc = r.json();
        List<?> jobs = (List<?>) at(doc, "jobs");
        assertEquals(2, jobs.size(), r.toString());
        assertEquals("first", at(doc, "jobs", 0, "jobname"));
        assertEquals(0L, integer(doc, "jobs", 0, "groupid"));
        assertEquals(2 * 4L << 20, integer(doc, "jobs", 0, "read", "io_bytes"));
        assertEquals(1024L, integer(doc, "jobs", 0, "read", "total_ios"));
        assertEquals("second", at(doc, "jobs", 1, "jobname"));
        assertEquals(1L, integer(doc, "jobs", 1, "groupid"));
        assertEquals("8k", at(doc, "global options", "bs"));
    }

    @Test
    void parseOnlyRunsNothingAndShowcmdPrintsTheJobs() {
        JfioRun parse = JfioRun.run("--name=p", "--ioengine=null", "--rw=read", "--size=1t", "--parse-only");
        assertEquals(0, parse.exit(), parse.toString());
        assertEquals("", parse.out());
        JfioRun show = JfioRun.run("--name=p", "--ioengine=null", "--rw=read", "--size=1t", "--showcmd");
        assertEquals(0, show.exit(), show.toString());
        assertTrue(show.out().startsWith("jfio --name=p"), show.out());
        assertTrue(show.out().contains("--rw=read"), show.out());
    }

    @Test
    void unknownOptionIsOneLineWithTheNearestNameAndExitOne() {
        JfioRun r = JfioRun.run("--name=u", "--ioengine=null", "--blocksiz=4k", "--size=1m");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("blocksiz") && r.err().contains("blocksize"), r.err());
    }

    @Test
    void engineOptionForAnotherEngineIsAnError(@TempDir Path dir) throws IOException {
        Path job = dir.resolve("j.fio");
        Files.writeString(job, "[j]\nioengine=null\nsize=1m\nsockname=/tmp/x\n");
        JfioRun r = JfioRun.run(job.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("j.fio:4") && r.err().contains("sockname"), r.err());
    }

    @Test
    void optionOfAFioEngineJfioLacksSaysWhichEngineItBelongsTo() {
        JfioRun r = JfioRun.run("--name=v", "--ioengine=null", "--size=1m", "--nfs_url=nfs://h/x");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("option 'nfs_url' belongs to fio's nfs engine"), r.err());
    }

    @Test
    void normalAndJsonCombineAndOutputGoesToTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.txt");
        JfioRun r = JfioRun.run(
                "--name=o",
                "--ioengine=null",
                "--rw=read",
                "--size=1m",
                "--output-format=normal,json",
                "--output=" + file);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.out());
        String text = Files.readString(file);
        assertTrue(text.contains("Run status group 0 (all jobs):"), text);
        assertTrue(text.contains("\"jobname\" : \"o\""), text);
    }

    @Test
    void exitallStopsTheOtherJobsWhenOneFinishes() {
        long start = System.nanoTime();
        Object doc = JfioRun.run(
                        "--ioengine=null",
                        "--rw=read",
                        "--bs=4k",
                        "--output-format=json",
                        "--name=short",
                        "--size=1m",
                        "--exitall",
                        "--name=long",
                        "--size=1g",
                        "--time_based",
                        "--runtime=30")
                .json();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 10_000, "exitall took " + elapsedMs + " ms");
        assertEquals(2, ((List<?>) at(doc, "jobs")).size());
    }

    @Test
    void waitForStartsAJobAfterTheNamedOneEnds() {
        Object doc = JfioRun.run(
                        "--ioengine=null",
                        "--rw=read",
                        "--bs=4k",
                        "--output-format=json",
                        "--name=a",
                        "--size=1m",
                        "--rate_iops=500",
                        "--name=b",
                        "--size=1m",
                        "--wait_for=a")
                .json();
        assertEquals(256L, integer(doc, "jobs", 1, "read", "total_ios"));
        // b ran after a, so the run took at least a's 0.5 s
        assertTrue(integer(doc, "jobs", 0, "read", "runtime") >= 450);
    }

    @Test
    void versionAndHelpGoToStdout() {
        JfioRun v = JfioRun.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("jfio-"), v.out());
        JfioRun h = JfioRun.run("--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--output-format"), h.out());
        assertTrue(h.out().contains("jfio compare A.json B.json") && h.out().contains("jfio report RUN.json"), h.out());
    }

    @Test
    void enghelpListsBuiltInEnginesAndOneEnginesOptions() {
        JfioRun all = JfioRun.run("--enghelp");
        assertTrue(
                all.out().contains("null")
                        && all.out().contains("nbd")
                        && all.out().contains("file"),
                all.out());
        JfioRun one = JfioRun.run("--enghelp=null");
        assertTrue(one.out().contains("null_mode"), one.out());
    }

    @Test
    void noJobsIsAClearError() {
        JfioRun r = JfioRun.run("--output-format=json");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no jobs"), r.err());
    }

    @Test
    void badOutputFormatListsTheAcceptedValues() {
        JfioRun r = JfioRun.run("--name=x", "--ioengine=null", "--size=1m", "--output-format=xml");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("json+"), r.err());
    }

    @Test
    void statusIntervalPrintsCumulativeReportsWhileRunning() {
        JfioRun r = JfioRun.run(
                "--name=s",
                "--ioengine=null",
                "--rw=read",
                "--bs=4k",
                "--size=1g",
                "--rate_iops=1000",
                "--runtime=2500ms",
                "--time_based",
                "--output-format=terse",
                "--status-interval=1");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().filter(l -> l.startsWith("3;")).toList();
        // interim reports every second of the run (1 s and 2 s, and 3 s when the job started late, as
        // in a cold JVM: the interval counts from the run's start, as fio's helper thread does; one may
        // be missed on a loaded machine) and the final one, each with more I/O than the last
        assertTrue(lines.size() >= 2 && lines.size() <= 4, r.out());
        long previous = -1;
        for (String line : lines) {
            long readIos = Long.parseLong(line.split(";")[5]); // read io_kbytes
            assertTrue(readIos > previous, r.out());
            previous = readIos;
        }
    }

    @Test
    void etaAlwaysShowsAProgressLineOnStderrAndNothingOnStdout() {
        JfioRun r = JfioRun.run(
                "--name=e",
                "--ioengine=null",
                "--rw=read",
                "--bs=4k",
                "--size=1g",
                "--rate_iops=1000",
                "--runtime=1500ms",
                "--time_based",
                "--output-format=json",
                "--eta=always");
        r.json();
        assertTrue(r.err().contains("Jobs: 1") && r.err().contains("IOPS]"), r.err());
    }

    /** Which 4 KiB blocks of a file hold anything but zeros. */
    private static java.util.BitSet writtenBlocks(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        java.util.BitSet written = new java.util.BitSet();
        for (int i = 0; i < data.length; i++) {
            if (data[i] != 0) {
                written.set(i / 4096);
            }
        }
        return written;
    }

    private static java.util.BitSet randomWrites(Path file, String randrepeat) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, new byte[4 << 20]);
        JfioRun r = JfioRun.run(
                "--name=r",
                "--ioengine=file",
                "--filename=" + file,
                "--rw=randwrite",
                "--bs=4k",
                "--size=4m",
                "--io_size=400k",
                "--norandommap",
                "--randrepeat=" + randrepeat,
                "--output-format=json");
        assertEquals(0, r.exit(), r.toString());
        return writtenBlocks(file);
    }

    @Test
    void randrepeatRepeatsTheRandomOffsetsAndRandrepeatZeroDoesNot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r");
        java.util.BitSet first = randomWrites(file, "1");
        assertTrue(first.cardinality() > 50, "blocks written: " + first.cardinality());
        assertEquals(first, randomWrites(file, "1"));
        assertTrue(!first.equals(randomWrites(file, "0")), "randrepeat=0 repeated the offsets");
    }
}
