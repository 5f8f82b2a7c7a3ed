package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the buffer, memory and zone options parse, with fio's own adjustments (compress 100% means
 * zeroed buffers, scramble_buffers' conditions), and the refusals: zonemode=zbd and its options,
 * mem=cudamalloc, fio's deprecated percentage_sequential.
 */
class BufferAndZoneOptionsTest {
    @TempDir
    Path dir;

    private static JobSpec cmd(String... args) {
        return TestCatalogs.commandLineJob(args);
    }

    private String fileError(String... lines) throws IOException {
        return TestCatalogs.jobFileError(dir, lines);
    }

    private static String cmdError(String... args) {
        return assertThrows(JobSpecException.class, () -> cmd(args)).getMessage();
    }

    @Test
    void scrambleBuffersIsOnByDefaultAndOffWhereFioTurnsItOff() {
        assertTrue(cmd("--rw=write").buffers().scramble(), "fio's default");
        assertFalse(cmd("--rw=write", "--scramble_buffers=0").buffers().scramble());
        assertFalse(cmd("--rw=write", "--refill_buffers").buffers().scramble(), "refilled buffers need none");
        assertFalse(cmd("--rw=write", "--zero_buffers").buffers().scramble(), "zero_buffers asks for zeros");
        assertTrue(cmd("--rw=write", "--zero_buffers", "--scramble_buffers=1")
                .buffers()
                .scramble());
        assertFalse(cmd("--rw=write", "--verify=md5").buffers().scramble(), "verify writes its own contents");
        assertFalse(
                cmd("--rw=write", "--buffer_compress_percentage=50").buffers().scramble());
        assertFalse(cmd("--rw=write", "--buffer_pattern=0xab").buffers().scramble());
    }

    @Test
    void compressAndDedupeTurnRefillOnAsFioDoes() {
        Buffers b = cmd("--rw=write", "--buffer_compress_percentage=40").buffers();
        assertTrue(b.refill());
        assertEquals(40, b.compressPercentage());
        assertEquals(512, b.compressChunk(), "fio's default chunk");
        assertFalse(cmd("--rw=write", "--buffer_compress_percentage=40", "--refill_buffers=0")
                .buffers()
                .refill());
        Buffers all = cmd("--rw=write", "--buffer_compress_percentage=100").buffers();
        assertTrue(all.zero() && all.compressPercentage() == 0, "100%: zeroed buffers");
        Buffers d = cmd("--rw=write", "--dedupe_percentage=20", "--refill_buffers=0")
                .buffers();
        assertTrue(d.refill(), "dedupe always refills");
        assertEquals(new Buffers.Dedupe(20, false, 5, false), d.dedupe());
        assertTrue(
                cmd("--rw=rw", "--buffer_pattern=0xab").buffers().refill(),
                "a pattern is refilled when reads clobber it");
    }

    @Test
    void dedupeWorkingSetNeedsWhatFioNeeds() throws IOException {
        assertEquals(
                new Buffers.Dedupe(30, true, 10, true),
                cmd(
                                "--size=1m",
                                "--dedupe_percentage=30",
                                "--dedupe_mode=working_set",
                                "--dedupe_working_set_percentage=10",
                                "--dedupe_global=1")
                        .buffers()
                        .dedupe());
        assertTrue(fileError("[x]", "dedupe_percentage=30", "dedupe_mode=working_set")
                .contains("requires size to be set"));
        assertTrue(cmdError("--size=1m", "--dedupe_percentage=96", "--dedupe_mode=working_set")
                .contains("impossible to reach dedupe_percentage 96"));
        assertTrue(cmdError("--dedupe_mode=random")
                .contains("invalid dedupe_mode 'random' (accepted: repeat, working_set)"));
        assertTrue(cmdError("--dedupe_percentage=101").contains("dedupe_percentage"));
    }

    @Test
    void memoryKindsParseAndCudamallocIsRefusedWithItsReason() {
        Memory m = cmd("--iomem=mmap:/tmp/x", "--mem_align=512", "--lockmem=1m")
                .buffers()
                .memory();
        assertEquals(new Memory(Memory.Kind.MMAP, "/tmp/x", 512, 2 << 20, 1 << 20), m);
        assertEquals(Memory.DEFAULT, cmd().buffers().memory());
        assertEquals(
                Memory.Kind.SHMHUGE,
                cmd("--mem=shmhuge", "--hugepage-size=4m").buffers().memory().kind());
        assertTrue(cmdError("--mem=cudamalloc").contains("GPU memory for GPUDirect RDMA"));
        assertTrue(cmdError("--mem=shm:/x").contains("only mmap, mmaphuge and mmapshared take a file"));
        assertTrue(cmdError("--mem=hugetlb").contains("invalid mem 'hugetlb'"));
        assertTrue(cmdError("--mem=mmaphuge", "--hugepage-size=3m").contains("hugepage-size must be a power of 2"));
    }

    @Test
    void stridedZonesParseAndZbdIsRefused() throws IOException {
        assertEquals(
                new Zoning(64 << 10, 64 << 10, 0),
                cmd("--zonemode=strided", "--zonesize=64k").sequencing().zones());
        assertEquals(
                new Zoning(64 << 10, 256 << 10, 128 << 10),
                cmd("--zonemode=strided", "--zonesize=64k", "--zonerange=256k", "--zoneskip=128k")
                        .sequencing()
                        .zones());
        assertEquals(
                Zoning.NONE,
                cmd("--zonemode=strided", "--zonesize=64k", "--nrfiles=2")
                        .sequencing()
                        .zones(),
                "as fio: strided zones with one open file only");
        assertTrue(cmdError("--zonesize=64k").contains("zonemode=none and zonesize are not compatible"));
        assertTrue(cmdError("--zonemode=strided").contains("zonesize must be specified"));
        assertTrue(fileError("[x]", "zonemode=zbd").startsWith("jobs.fio:2: zonemode=zbd: zoned block devices"));
        for (String o : new String[] {
            "max_open_zones=4",
            "zonecapacity=1m",
            "read_beyond_wp=1",
            "job_max_open_zones=1",
            "zone_reset_threshold=0.5",
            "zone_reset_frequency=1",
            "ignore_zone_limits=1"
        }) {
            assertTrue(cmdError("--" + o).contains("applies to zonemode=zbd only"), o);
        }
    }

    @Test
    void distributionAndOffsetOptions() {
        assertEquals(
                Distribution.Kind.ZONED_ABS,
                cmd("--random_distribution=zoned_abs:60/20m:40/100m")
                        .randomness()
                        .distribution()
                        .kind());
        assertTrue(cmd("--softrandommap").randomness().softRandomMap());
        assertTrue(cmd("--bs_unaligned").sequencing().bsUnaligned());
        assertTrue(cmdError("--percentage_sequential=30").contains("percentage_sequential is deprecated"));
        assertTrue(cmdError("--random_distribution=zoned:50/10:40/90").contains("don't add up to 100 (got 90)"));
    }
}
