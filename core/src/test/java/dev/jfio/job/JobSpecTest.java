package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSpecTest {
    @TempDir
    Path dir;

    private static JobSpec cmd(String... args) {
        return TestCatalogs.commandLineJob(args);
    }

    private String fileError(String... lines) throws IOException {
        return TestCatalogs.jobFileError(dir, lines);
    }

    @Test
    void defaultsMatchFio() {
        JobSpec j = cmd();
        assertEquals("j", j.name());
        assertNull(j.description());
        assertEquals("file", j.ioengine());
        assertEquals(RwMode.READ, j.rw());
        assertEquals(50, j.rwmixread());
        for (IoOp d : IoOps.DATA) {
            assertEquals(BlockSizeSpec.fixed(4096), j.bs(d));
            assertEquals(0, j.rate().bytesPerSecond(d));
            assertEquals(0, j.rate().iops(d));
        }
        assertEquals(-1, j.region().size());
        assertEquals(-1, j.region().ioSize());
        assertEquals(0, j.region().offset());
        assertEquals(List.of(), j.region().filenames());
        assertNull(j.region().directory());
        assertEquals(1, j.numjobs());
        assertEquals(1, j.depth().iodepth());
        assertEquals(1, j.depth().batchSubmit());
        assertEquals(1, j.depth().batchCompleteMin());
        assertEquals(1, j.depth().batchCompleteMax());
        assertEquals(1, j.depth().low());
        assertEquals(1, j.timing().loops());
        assertFalse(j.timing().timeBased());
        assertEquals(0, j.timing().runtimeNanos());
        assertEquals(Distribution.UNIFORM, j.randomness().distribution());
        assertEquals(100, j.randomness().percentageRandom(j.rw()));
        assertTrue(j.randomness().randrepeat());
        assertEquals(0x89, j.randomness().randseed());
        assertFalse(j.randomness().randseedSet());
        assertEquals(RateProcess.LINEAR, j.rate().process());
        assertEquals(1, j.thinkTime().blocks());
        assertEquals(ContinueOnError.NONE, j.continueOnError());
        assertTrue(j.reporting().clatPercentiles());
        assertFalse(j.reporting().latPercentiles());
        assertArrayEquals(
                new double[] {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99},
                j.reporting().percentileList());
        assertNull(j.buffers().pattern());
        assertEquals(1024, j.kbBase());
        assertNull(j.waitFor());
        assertFalse(j.stonewall());
    }

    @Test
    void typedValuesAreParsed() {
        JobSpec j = cmd(
                "--description=hello",
                "--rw=randrw",
                "--rwmixread=70",
                "--size=1g",
                "--io_size=4g",
                "--offset=1m",
                "--offset_increment=2m",
                "--filename=/dev/a:/dev/b\\:c",
                "--directory=/tmp",
                "--numjobs=4",
                "--iodepth=32",
                "--iodepth_batch_submit=8",
                "--iodepth_batch_complete_min=2",
                "--iodepth_batch_complete_max=16",
                "--iodepth_low=4",
                "--loops=3",
                "--time_based",
                "--runtime=1m",
                "--ramp_time=2s",
                "--startdelay=500ms",
                "--random_distribution=zipf:1.2",
                "--percentage_random=80",
                "--norandommap",
                "--randrepeat=0",
                "--randseed=42",
                "--rate=1m,500k",
                "--rate_iops=,100",
                "--rate_process=poisson",
                "--thinktime=10",
                "--thinktime_spin=5",
                "--thinktime_blocks=4",
                "--group_reporting",
                "--new_group",
                "--stonewall",
                "--wait_for=other",
                "--fsync=8",
                "--fdatasync=4",
                "--end_fsync=1",
                "--continue_on_error=io",
                "--clat_percentiles=0",
                "--lat_percentiles=1",
                "--slat_percentiles",
                "--percentile_list=50:99",
                "--zero_buffers",
                "--refill_buffers",
                "--buffer_pattern=0xab",
                "--exitall",
                "--thread",
                "--direct=1");
        assertEquals("hello", j.description());
        assertEquals(RwMode.RANDRW, j.rw());
        assertEquals(70, j.rwmixread());
        assertEquals(1L << 30, j.region().size());
        assertEquals(4L << 30, j.region().ioSize());
        assertEquals(1 << 20, j.region().offset());
        assertEquals(2 << 20, j.region().offsetIncrement());
        assertEquals(List.of("/dev/a", "/dev/b:c"), j.region().filenames());
        assertEquals("/tmp", j.region().directory());
        assertEquals(4, j.numjobs());
        assertEquals(32, j.depth().iodepth());
        assertEquals(8, j.depth().batchSubmit());
        assertEquals(2, j.depth().batchCompleteMin());
        assertEquals(16, j.depth().batchCompleteMax());
        assertEquals(4, j.depth().low());
        assertEquals(3, j.timing().loops());
        assertTrue(j.timing().timeBased());
        assertEquals(60_000_000_000L, j.timing().runtimeNanos());
        assertEquals(2_000_000_000L, j.timing().rampTimeNanos());
        assertEquals(500_000_000L, j.timing().startDelayNanos());
        assertEquals(
                new Distribution(Distribution.Kind.ZIPF, 1.2), j.randomness().distribution());
        assertEquals(80, j.randomness().percentageRandom(j.rw()));
        assertTrue(j.randomness().norandommap());
        assertFalse(j.randomness().randrepeat());
        assertEquals(42, j.randomness().randseed());
        assertTrue(j.randomness().randseedSet());
        assertEquals(1 << 20, j.rate().bytesPerSecond(IoOp.READ));
        assertEquals(500 << 10, j.rate().bytesPerSecond(IoOp.WRITE));
        assertEquals(500 << 10, j.rate().bytesPerSecond(IoOp.TRIM));
        assertEquals(0, j.rate().iops(IoOp.READ));
        assertEquals(100, j.rate().iops(IoOp.WRITE));
        assertEquals(RateProcess.POISSON, j.rate().process());
        assertEquals(10_000, j.thinkTime().nanos(), "thinktime is microseconds when bare");
        assertEquals(5_000, j.thinkTime().spinNanos());
        assertEquals(4, j.thinkTime().blocks());
        assertTrue(j.reporting().groupReporting());
        assertTrue(j.newGroup());
        assertTrue(j.stonewall());
        assertEquals("other", j.waitFor());
        assertEquals(8, j.sync().fsync());
        assertEquals(4, j.sync().fdatasync());
        assertTrue(j.sync().endFsync());
        assertEquals(ContinueOnError.IO, j.continueOnError());
        assertFalse(j.reporting().clatPercentiles());
        assertTrue(j.reporting().latPercentiles());
        assertTrue(j.reporting().slatPercentiles());
        assertArrayEquals(new double[] {50, 99}, j.reporting().percentileList());
        assertTrue(j.buffers().zero());
        assertTrue(j.buffers().refill());
        assertArrayEquals(new byte[] {(byte) 0xab}, j.buffers().pattern());
        assertTrue(j.exitall());
        assertTrue(j.thread());
        assertTrue(j.direct());
    }

    @Test
    void nameOptionOverridesTheSectionName() throws IOException {
        Path f = dir.resolve("named.fio");
        Files.write(f, List.of("[x]", "name=other"));
        JobSpec j = TestCatalogs.parser(Map.of())
                .parse(List.of(f), List.of(), Set.of())
                .jobs()
                .get(0);
        assertEquals("other", j.name());
    }

    @Test
    void perDirectionBlockSizes() {
        JobSpec j = cmd("--rw=randrw", "--bs=4k,,8k");
        assertEquals(4096, j.bs(IoOp.READ).min());
        assertEquals(4096, j.bs(IoOp.WRITE).min());
        assertEquals(8192, j.bs(IoOp.TRIM).min());
        JobSpec k = cmd("--rw=randrw", "--bs=8k,32k");
        assertEquals(8192, k.bs(IoOp.READ).max());
        assertEquals(32768, k.bs(IoOp.WRITE).max());
        assertEquals(32768, k.bs(IoOp.TRIM).max());
        assertEquals(32768, k.maxBlockSize());
        assertEquals(8192, k.minBlockSize());
    }

    @Test
    void blockSizeExtremesCoverOnlyUsedDirections() {
        JobSpec j = cmd("--rw=read", "--bs=4k,1m");
        assertEquals(4096, j.maxBlockSize());
        assertEquals(4096, j.minBlockSize());
    }

    @Test
    void bsrangeAndBssplitPerDirection() {
        JobSpec r = cmd("--rw=randrw", "--bsrange=1k-4k,2k:8k");
        assertEquals(new BlockSizeSpec(1024, 4096, List.of()), r.bs(IoOp.READ));
        assertEquals(new BlockSizeSpec(2048, 8192, List.of()), r.bs(IoOp.WRITE));
        JobSpec s = cmd("--rw=randrw", "--bs=16k", "--bssplit=2k/50:4k/50,4k/90:8k/10");
        assertEquals(
                new BlockSizeSpec(2048, 4096, List.of(new BsSplitEntry(2048, 50), new BsSplitEntry(4096, 50))),
                s.bs(IoOp.READ));
        assertEquals(
                List.of(new BsSplitEntry(4096, 90), new BsSplitEntry(8192, 10)),
                s.bs(IoOp.WRITE).split());
        assertEquals(8192, s.bs(IoOp.WRITE).max());
    }

    @Test
    void percentSizesAreKeptApart() {
        JobSpec j = cmd("--size=50%", "--offset=20%", "--io_size=200%", "--offset_increment=10%");
        assertEquals(-1, j.region().size());
        assertEquals(50.0, j.region().sizePercent());
        assertEquals(20.0, j.region().offsetPercent());
        assertEquals(0, j.region().offset());
        assertEquals(-1, j.region().ioSize());
        assertEquals(200.0, j.region().ioSizePercent(), "io_size=N% multiplies size and may exceed 100");
        assertEquals(10.0, j.region().offsetIncrementPercent());
        assertEquals(
                "command line:4: size=150%: percentage '150%' must be between 0 (exclusive) and 100",
                assertThrows(JobSpecException.class, () -> cmd("--offset=0", "--bs=4k", "--size=150%"))
                        .getMessage());
    }

    @Test
    void kbBaseAppliesToEverySizeWhereverItIsWritten() {
        JobSpec j = cmd("--size=1m", "--bs=4k", "--kb_base=1000");
        assertEquals(1000, j.kbBase());
        assertEquals(1_000_000, j.region().size());
        assertEquals(4000, j.bs(IoOp.READ).min());
        assertEquals(1024, cmd("--kb_base=1000", "--bs=1KiB").bs(IoOp.READ).min());
    }

    @Test
    void laterRwmixwriteOverridesRwmixread() {
        assertEquals(30, cmd("--rw=rw", "--rwmixread=60", "--rwmixwrite=70").rwmixread());
        assertEquals(60, cmd("--rw=rw", "--rwmixwrite=70", "--rwmixread=60").rwmixread());
        assertEquals(25, cmd("--rw=rw", "--rwmixwrite=75").rwmixread());
    }

    @Test
    void percentageRandomIsPerDirection() {
        JobSpec j = cmd("--rw=randwrite", "--percentage_random=10,90");
        assertEquals(10, j.randomness().percentageRandom(IoOp.READ));
        assertEquals(90, j.randomness().percentageRandom(IoOp.WRITE));
        assertEquals(90, j.randomness().percentageRandom(j.rw()), "the value of the first direction the workload uses");
    }

    @Test
    void rawAndLocationAcceptAliases() {
        JobSpec j = cmd("--blocksize=8k");
        assertEquals("8k", j.raw("bs"));
        assertEquals("8k", j.raw("blocksize"));
        assertEquals(SourceLocation.commandLine(2), j.location("blocksize"));
        assertNull(j.raw("size"));
        assertNull(j.location("size"));
    }

    @Test
    void blockSizeLargerThanSizeIsAnError() throws IOException {
        assertEquals(
                "jobs.fio:3: bs=64k: block size 65536 is larger than size 4096", fileError("[x]", "size=4k", "bs=64k"));
    }

    @Test
    void randomGeneratorLfsrVisitsEveryBlockOnceEvenWithNorandommap() throws IOException {
        assertFalse(cmd("--rw=randread", "--norandommap=1", "--random_generator=lfsr")
                .randomness()
                .offsetsMayRepeat());
        assertTrue(cmd("--rw=randread", "--norandommap=1", "--random_generator=tausworthe64")
                .randomness()
                .offsetsMayRepeat());
        assertFalse(cmd("--rw=randread").randomness().offsetsMayRepeat());
        assertEquals(
                "jobs.fio:2: invalid random_generator value 'mt' (accepted: tausworthe, lfsr, tausworthe64)",
                fileError("[x]", "random_generator=mt"));
    }

    @Test
    void logOptionsParseAsFiosAndABareLogOptionMeansTheJobsName() throws IOException {
        LogOptions o = cmd(
                        "--write_bw_log",
                        "--write_lat_log=lat",
                        "--log_avg_msec=250",
                        "--log_hist_coarseness=3",
                        "--per_job_logs=0",
                        "--log_compression=64k",
                        "--log_store_compressed=1",
                        "--log_alternate_epoch=1")
                .logs();
        assertEquals("", o.bwLog());
        assertEquals("lat", o.latLog());
        assertNull(o.iopsLog());
        assertEquals(250, o.avgMsec());
        assertEquals(3, o.histCoarseness());
        assertFalse(o.perJobLogs());
        assertTrue(o.compressedFiles());
        assertTrue(o.unixEpoch());
        assertFalse(cmd().logs().any());
        assertEquals("jobs.fio:2: log_hist_coarseness must be 0..6, got 7", fileError("[x]", "log_hist_coarseness=7"));
        assertEquals(
                "jobs.fio:2: log_compression must be 0 (off) or 1k..512m, got 512",
                fileError("[x]", "log_compression=512"));
    }

    @Test
    void validationErrorsCarryFileAndLine() throws IOException {
        assertEquals(
                "jobs.fio:2: bsrange=64k-4k: range '64k-4k' has its minimum above its maximum",
                fileError("[x]", "bsrange=64k-4k"));
        assertEquals(
                "jobs.fio:3: bssplit '4k/50:8k/40' percentages add up to 90, not 100",
                fileError("[x]", "size=1m", "bssplit=4k/50:8k/40"));
        assertEquals("jobs.fio:2: rwmixread must be between 0 and 100, got 101", fileError("[x]", "rwmixread=101"));
        assertEquals("jobs.fio:2: iodepth must be at least 1, got 0", fileError("[x]", "iodepth=0"));
        assertEquals("jobs.fio:2: numjobs must be at least 1, got 0", fileError("[x]", "numjobs=0"));
        assertEquals(
                "jobs.fio:2: percentile_list has 21 entries, at most 20 are allowed",
                fileError("[x]", "percentile_list=1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20:21"));
        assertEquals("jobs.fio:3: size=-1: negative size '-1'", fileError("[x]", "bs=4k", "size=-1"));
        assertEquals("jobs.fio:2: size '99999999999t' is too large", fileError("[x]", "size=99999999999t"));
        assertEquals("jobs.fio:2: iodepth=-1: negative value '-1'", fileError("[x]", "iodepth=-1"));
        assertEquals(
                "jobs.fio:2: runtime=10x: invalid time '10x': unknown unit 'x' (use us, ms, s, m, h or d)",
                fileError("[x]", "runtime=10x"));
        assertEquals(
                "jobs.fio:2: rw=randread:0: the modifier after ':' is the number of I/Os per random offset "
                        + "(a whole number >= 1): must be at least 1",
                fileError("[x]", "rw=randread:0"));
        assertEquals(
                "jobs.fio:2: rw=read:8q: the modifier after ':' is the bytes between sequential I/Os "
                        + "(a size, negative for backwards): invalid size '8q': unknown unit 'q'",
                fileError("[x]", "rw=read:8q"));
        assertEquals(
                "jobs.fio:2: invalid rw_sequencer value 'random' (accepted: sequential, identical)",
                fileError("[x]", "rw_sequencer=random"));
        assertEquals(
                "jobs.fio:2: invalid rw value 'sideways' (accepted: read, write, trim, randread, randwrite, "
                        + "randtrim, rw, readwrite, randrw, trimwrite, randtrimwrite, each with an optional :N)",
                fileError("[x]", "rw=sideways"));
        assertEquals("jobs.fio:2: option 'size' requires a value", fileError("[x]", "size"));
        assertEquals("jobs.fio:2: kb_base must be 1024 or 1000, got '1023'", fileError("[x]", "kb_base=1023"));
        assertEquals("jobs.fio:2: unit_base must be 0, 8 or 1, got '2'", fileError("[x]", "unit_base=2"));
        assertEquals(
                "jobs.fio:2: time_based=maybe: invalid boolean 'maybe' (use 1/0, true/false, yes/no or on/off)",
                fileError("[x]", "time_based=maybe"));
        assertEquals(
                "jobs.fio:2: zipf theta must be > 0 and different than 1.0, got 1.0",
                fileError("[x]", "random_distribution=zipf:1"));
        assertEquals(
                "jobs.fio:3: iodepth_batch_complete_min (8) is larger than iodepth_batch_complete_max (4)",
                fileError("[x]", "iodepth=4", "iodepth_batch_complete_min=8"));
        assertEquals(
                "jobs.fio:2: rate_process=bursty: invalid rate_process 'bursty' (accepted: linear, poisson)",
                fileError("[x]", "rate_process=bursty"));
    }

    @Test
    void helpDescribesAnOptionAndListsAll() {
        String bs = JobSpec.helpFor("bs");
        assertTrue(bs.contains("Block size unit"), bs);
        assertTrue(bs.contains("alias: blocksize"), bs);
        assertTrue(bs.contains("default: 4096"), bs);
        assertTrue(JobSpec.helpFor("cgroup").contains("refused by jfio"));
        String all = JobSpec.helpFor("all");
        assertTrue(all.contains("iodepth"));
        assertTrue(all.contains("rwmixread"));
        assertEquals(
                "no option named 'nope'",
                assertThrows(JobSpecException.class, () -> JobSpec.helpFor("nope"))
                        .getMessage());
        String engineHelp = TestCatalogs.catalog().helpFor("null_mode");
        assertTrue(engineHelp.contains("engine: null"), engineHelp);
        assertTrue(engineHelp.contains("valid values: sync, async, auto"), engineHelp);
        assertTrue(TestCatalogs.catalog().helpFor("all").contains("Engine nbd:"));
    }
}
