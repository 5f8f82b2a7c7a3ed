package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole jobs on fio's sync-family engines through the jfio command: verify, job files, errors, bad input. */
class SyncEngineJobsTest {
    @TempDir
    Path dir;

    private static JfioRun jfio(String... args) {
        List<String> l = new ArrayList<>(List.of(args));
        l.add("--output-format=json");
        return JfioRun.run(l.toArray(new String[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "psync", "vsync", "pvsync", "pvsync2", "posixaio", "mmap"})
    void verifiedRandomWritesRoundTripWithDirectIo(String engine) {
        JfioRun run = jfio(
                "--name=v",
                "--ioengine=" + engine,
                "--filename=" + dir.resolve(engine),
                "--size=1m",
                "--bs=4k",
                "--rw=randwrite",
                "--direct=1",
                "--iodepth=16",
                "--verify=crc32c");
        assertEquals(0, run.exit(), run.toString());
        Object json = run.json();
        assertEquals(256, MiniJson.integer(json, "jobs", 0, "write", "total_ios"), run.toString());
        assertEquals(256, MiniJson.integer(json, "jobs", 0, "read", "total_ios"), run.toString());
        assertEquals(0, MiniJson.integer(json, "jobs", 0, "error"));
    }

    @Test
    void vsyncMergesBatchesOfSequentialWritesAndVerifiesThem() {
        JfioRun run = jfio(
                "--name=v",
                "--ioengine=vsync",
                "--filename=" + dir.resolve("vsync"),
                "--size=2m",
                "--bs=4k",
                "--rw=write",
                "--iodepth=8",
                "--iodepth_batch=8",
                "--verify=crc32c");
        assertEquals(0, run.exit(), run.toString());
        Object json = run.json();
        assertEquals(512, MiniJson.integer(json, "jobs", 0, "write", "total_ios"), run.toString());
        assertEquals(512, MiniJson.integer(json, "jobs", 0, "read", "total_ios"), run.toString());
        assertTrue(MiniJson.number(json, "jobs", 0, "iodepth_submit", "8") > 50, run.toString());
    }

    @Test
    void vsyncCountsTheTransferAsCompletionLatencyAsFioDoes() {
        JfioRun run = jfio(
                "--name=v",
                "--ioengine=vsync",
                "--filename=" + dir.resolve("lat"),
                "--size=1m",
                "--bs=4k",
                "--rw=randread",
                "--direct=1");
        Object json = run.json();
        double slat = MiniJson.number(json, "jobs", 0, "read", "slat_ns", "mean");
        double clat = MiniJson.number(json, "jobs", 0, "read", "clat_ns", "mean");
        assertTrue(
                clat > 5 * slat, "a direct 4k read is completion latency: slat " + slat + " ns, clat " + clat + " ns");
    }

    @Test
    void aFioJobFileForPosixaioRunsUnchangedAndReachesItsDepth() throws IOException {
        Path jobFile = Files.writeString(
                dir.resolve("aio.fio"),
                "[global]\nioengine=posixaio\ndirect=1\niodepth=32\nrw=randread\nbs=4k\nsize=8m\nfilename="
                        + dir.resolve("aio.dat") + "\n\n[job]\n");
        JfioRun run = jfio(jobFile.toString());
        assertEquals(0, run.exit(), run.toString());
        Object json = run.json();
        assertEquals(2048, MiniJson.integer(json, "jobs", 0, "read", "total_ios"), run.toString());
        // fio 3.33 on the same job: 8: 23%, 16: 52%, 32: 25% (a reap takes several completions, as
        // aio_suspend waits on 8 requests, and the refill is recorded at each depth on the way up)
        double full = MiniJson.number(json, "jobs", 0, "iodepth_level", "32");
        double half = MiniJson.number(json, "jobs", 0, "iodepth_level", "16");
        assertTrue(full > 10 && full + half > 60, run.toString());
        assertFalse(run.err().contains("capped"), run.err());
    }

    @Test
    void aWriteTheKernelRefusesFailsTheJobWithItsErrnoAsFioDoes() {
        // ENOSPC stops a job whatever continue_on_error says (only EIO and EILSEQ go on), as in fio
        JfioRun run = jfio(
                "--name=full",
                "--ioengine=psync",
                "--filename=/dev/full",
                "--size=64k",
                "--bs=4k",
                "--rw=write",
                "--continue_on_error=all");
        assertNotEquals(0, run.exit());
        assertEquals(
                "jfio: full: write of 4096 bytes at offset 0 on /dev/full failed: ENOSPC (No space left on device)",
                run.errorLine());
        Object json = run.jsonAllowingFailure();
        assertEquals(28, MiniJson.integer(json, "jobs", 0, "error"));
        assertEquals(1, MiniJson.integer(json, "jobs", 0, "total_err"));
        assertEquals(28, MiniJson.integer(json, "jobs", 0, "first_error"));
    }

    @Test
    void badEngineOptionValuesAreOneLineErrors() {
        Path file = dir.resolve("bad");
        JfioRun percentage = jfio(
                "--name=b",
                "--ioengine=pvsync2",
                "--filename=" + file,
                "--size=1m",
                "--hipri",
                "--hipri_percentage=101");
        assertNotEquals(0, percentage.exit());
        assertTrue(
                percentage.errorLine().endsWith("hipri_percentage=101 is out of range: accepted values are 0 to 100"),
                percentage.errorLine());
        JfioRun nowait = jfio("--name=b", "--ioengine=pvsync2", "--filename=" + file, "--size=1m", "--nowait=maybe");
        assertNotEquals(0, nowait.exit());
        assertTrue(nowait.errorLine().contains("nowait"), nowait.errorLine());
        JfioRun elsewhere = jfio("--name=b", "--ioengine=psync", "--filename=" + file, "--size=1m", "--hipri");
        assertNotEquals(0, elsewhere.exit());
        assertTrue(elsewhere.errorLine().contains("'hipri' belongs to engine"), elsewhere.errorLine());
        JfioRun hint = jfio("--name=b", "--filename=" + file, "--size=1m", "--fadvise_hint=often");
        assertNotEquals(0, hint.exit());
        assertTrue(
                hint.errorLine().endsWith("fadvise_hint=often is not valid (accepted: 0, 1, random, sequential)"),
                hint.errorLine());
    }
}
