package dev.jfio.cli;

import static dev.jfio.testing.MiniJson.at;
import static dev.jfio.testing.MiniJson.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifying jobs that share one target (a file, an NBD export): clones or job sections whose
 * regions overlap would overwrite each other's blocks and fail verify falsely, as they do in
 * fio 3.33; jfio refuses them with one line that says how to separate them, and runs them once
 * separated.
 */
class VerifySharedTargetTest {
    private static final String REMEDY = "give each clone its own region: size=2m offset_increment=2m"
            + " (8 x 2m in the same 16m), or offset_increment=16m (8 x 16m)";

    private static String[] numjobsOnFile(Path file, String... extra) {
        return concat(
                new String[] {
                    "--name=t",
                    "--filename=" + file,
                    "--rw=randwrite",
                    "--bs=4k",
                    "--size=16m",
                    "--numjobs=8",
                    "--verify=crc32c",
                    "--output-format=json"
                },
                extra);
    }

    private static String[] numjobsOnEmbeddedNbd(String... extra) {
        return concat(
                new String[] {
                    "--name=t",
                    "--ioengine=nbd",
                    "--rw=randwrite",
                    "--bs=4k",
                    "--size=16m",
                    "--numjobs=8",
                    "--verify=crc32c",
                    "--output-format=json"
                },
                extra);
    }

    @Test
    void numjobsVerifyingOneFileAreRefusedWithTheRegionsThatSeparateThem(@TempDir Path dir) {
        Path file = dir.resolve("f");
        String line = JfioRun.run(numjobsOnFile(file)).errorLine();
        assertEquals(
                "jfio: t: numjobs=8 clones verify what they write to " + file + " in overlapping regions"
                        + " (each 16m, offset_increment=0) and would overwrite each other's blocks; " + REMEDY,
                line);
    }

    @Test
    void numjobsVerifyingTheEmbeddedNbdServerAreRefusedWithTheRegionsThatSeparateThem() {
        JfioRun r = JfioRun.run(numjobsOnEmbeddedNbd());
        assertEquals(1, r.exit(), r.toString());
        String[] lines = r.err().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("jfio: t: numjobs=8 clones verify what they write to nbd+unix://"), r.err());
        assertTrue(last.endsWith(REMEDY), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void numjobsGivenTheSuggestedRegionsVerifyCleanlyOnOneFile(@TempDir Path dir) {
        Object doc = JfioRun.run(numjobsOnFile(dir.resolve("f"), "--size=2m", "--offset_increment=2m"))
                .json();
        for (int c = 0; c < 8; c++) {
            assertEquals(0L, integer(doc, "jobs", c, "error"));
            assertEquals(2L << 20, integer(doc, "jobs", c, "write", "io_bytes"));
            assertEquals(2L << 20, integer(doc, "jobs", c, "read", "io_bytes"));
        }
    }

    @Test
    void numjobsGivenTheSuggestedRegionsVerifyCleanlyOnTheEmbeddedNbdServer() {
        for (String[] regions : new String[][] {{"--size=2m", "--offset_increment=2m"}, {"--offset_increment=16m"}}) {
            Object doc = JfioRun.run(numjobsOnEmbeddedNbd(regions)).json();
            long size = regions.length == 2 ? 2L << 20 : 16L << 20;
            for (int c = 0; c < 8; c++) {
                assertEquals(0L, integer(doc, "jobs", c, "error"), String.join(" ", regions));
                assertEquals(size, integer(doc, "jobs", c, "read", "io_bytes"), String.join(" ", regions));
            }
        }
    }

    @Test
    void numjobsThatDoNotVerifyMayShareARegion(@TempDir Path dir) {
        Object doc = JfioRun.run(
                        "--name=t",
                        "--filename=" + dir.resolve("f"),
                        "--rw=randwrite",
                        "--bs=4k",
                        "--size=1m",
                        "--numjobs=4",
                        "--output-format=json")
                .json();
        assertEquals(4, ((java.util.List<?>) at(doc, "jobs")).size());
    }

    @Test
    void aJobSectionWritingIntoAnotherJobsVerifiedRegionIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f");
        Path job = jobFile(dir, file, "offset=8m\n");
        String line = JfioRun.run(job.toString(), "--output-format=json").errorLine();
        assertEquals(
                "jfio: b: writes 8m-24m of " + file + " while job 'a' verifies 0-16m of it, and would"
                        + " overwrite blocks 'a' checks; give 'b' offset=16m, or run it after 'a' (stonewall, or"
                        + " wait_for=a)",
                line);
    }

    @Test
    void aVerifyingJobSectionInsideAnotherJobsWritesIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f");
        Path job = dir.resolve("j.fio");
        Files.writeString(
                job,
                "[global]\nfilename=" + file + "\nbs=4k\nsize=4m\n"
                        + "[w]\nrw=randwrite\n[r]\nrw=read\nverify=crc32c\noffset=1m\nsize=1m\n");
        String line = JfioRun.run(job.toString(), "--output-format=json").errorLine();
        assertEquals(
                "jfio: r: verifies 1m-2m of " + file + " while job 'w' writes 0-4m of it, which would"
                        + " overwrite blocks 'r' checks; give 'r' offset=4m, or run it after 'w' (stonewall, or"
                        + " wait_for=w)",
                line);
    }

    @Test
    void jobSectionsRunWhenTheirRegionsAreDisjointOrTheyRunOneAfterTheOther(@TempDir Path dir) throws IOException {
        for (String separation : new String[] {"offset=16m\n", "offset=8m\nstonewall\n", "offset=8m\nwait_for=a\n"}) {
            Path file = dir.resolve("f");
            Files.deleteIfExists(file);
            Object doc = JfioRun.run(jobFile(dir, file, separation).toString(), "--output-format=json")
                    .json();
            assertEquals(0L, integer(doc, "jobs", 0, "error"), separation);
            assertEquals(16L << 20, integer(doc, "jobs", 0, "read", "io_bytes"), separation);
            assertEquals(0L, integer(doc, "jobs", 1, "error"), separation);
        }
    }

    /** Job 'a' writes and verifies 0-16m of {@code file}; job 'b' writes 16m from the offset {@code b} gives. */
    private static Path jobFile(Path dir, Path file, String b) throws IOException {
        Path job = dir.resolve("j.fio");
        Files.writeString(
                job,
                "[global]\nfilename=" + file + "\nbs=4k\nsize=16m\nrw=randwrite\n" + "[a]\nverify=crc32c\n[b]\n" + b);
        return job;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
