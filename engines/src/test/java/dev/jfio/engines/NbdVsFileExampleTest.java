package dev.jfio.engines;

import static dev.jfio.testing.MiniJson.at;
import static dev.jfio.testing.MiniJson.integer;
import static dev.jfio.testing.MiniJson.number;
import static dev.jfio.testing.MiniJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.JfioRun;
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
 * examples/nbd-vs-file.fio as the README runs it: the file through io_uring and the same file
 * exported by qemu-nbd with O_DIRECT and io_uring, both at iodepth 32, then {@code jfio compare}.
 */
class NbdVsFileExampleTest {
    private Path dir;

    /** Under /var/tmp, not java.io.tmpdir: the example uses direct=1, which tmpfs refuses. */
    @BeforeEach
    void makeDirectory() throws IOException {
        dir = Files.createTempDirectory(Path.of("/var/tmp"), "jfio-nbd-vs-file");
    }

    @AfterEach
    void removeDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theExampleRunsTheFileOnIoUringAndTheExportAtTheSameDepthAndCompareShowsBoth() throws Exception {
        Path image = dir.resolve("nbd-vs-file.img");
        JfioRun prep = JfioRun.run(
                "--name=prep", "--filename=" + image, "--size=64m", "--rw=write", "--bs=1m", "--output-format=json");
        assertEquals(0, prep.exit(), prep.toString());
        Path report = dir.resolve("run.json");
        try (ServerFixture qemu = ServerFixture.qemuNbdOf(image, dir, "--cache=none", "--aio=io_uring")) {
            JfioRun run = JfioRun.run(
                    Map.of("IMG", image.toString(), "uri", qemu.uri()),
                    "../examples/nbd-vs-file.fio",
                    "--size=64m",
                    "--runtime=1",
                    "--output-format=json",
                    "--output=" + report);
            assertEquals(0, run.exit(), run.toString());
        }
        Object doc = parse(Files.readString(report));
        assertEquals("file", at(doc, "jobs", 0, "jobname"));
        assertEquals("nbd", at(doc, "jobs", 1, "jobname"));
        for (int job = 0; job < 2; job++) {
            assertEquals(0L, integer(doc, "jobs", job, "error"));
            assertTrue(integer(doc, "jobs", job, "read", "total_ios") > 0, "job " + job + " read");
            assertTrue(number(doc, "jobs", job, "iodepth_level", "32") > 0, "job " + job + " reached depth 32");
        }

        JfioRun compare = JfioRun.run("compare", report.toString());
        assertEquals(0, compare.exit(), compare.toString());
        assertTrue(compare.out().contains("A: file (run.json, ioengine=io_uring)"), compare.out());
        assertTrue(compare.out().contains("B: nbd (run.json, ioengine=nbd)"), compare.out());
    }
}
