package dev.jfio.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio's log flags on the bundle's command line, run in a directory of their own: the aggregate
 * bandwidth logs of {@code --bandwidth-log}, and the flags fio's test runner passes
 * ({@code --max-jobs}) or that name fio's aux directory ({@code --aux-path}), accepted as fio 3.33
 * accepts them.
 */
class LogCommandLineIT {
    @TempDir
    Path dir;

    @Test
    void bandwidthLogWritesFiosAggregateFilesEveryHalfSecond() throws Exception {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        // fio writes the aggregate logs into the working directory: the bundle runs in the test's
        Process jfio = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        bundle,
                        "--bandwidth-log",
                        "--max-jobs=16",
                        "--aux-path=" + dir,
                        "--name=a",
                        "--ioengine=null",
                        "--size=1g",
                        "--rw=randrw",
                        "--time_based",
                        "--runtime=2",
                        "--rate_iops=1000,1000",
                        "--output-format=json")
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("jfio.out").toFile())
                .redirectError(dir.resolve("jfio.err").toFile())
                .start();
        assertTrue(jfio.waitFor(60, TimeUnit.SECONDS), "jfio finished");
        assertEquals(0, jfio.exitValue(), Files.readString(dir.resolve("jfio.err")));
        for (String name : List.of("agg-read_bw.log", "agg-write_bw.log", "agg-trim_bw.log")) {
            List<String> rows = Files.readAllLines(dir.resolve(name));
            assertTrue(rows.size() >= 3 && rows.size() <= 5, name + ": a row per 500 ms of 2 s: " + rows);
            for (String row : rows) {
                String[] c = row.split(", ");
                assertEquals(5, c.length, row);
                assertEquals(name.contains("read") ? "0" : name.contains("write") ? "1" : "2", c[2], row);
            }
            if (!name.contains("trim")) {
                long kib = Long.parseLong(rows.get(1).split(", ")[1]);
                assertTrue(kib > 3000 && kib < 5000, name + ": 1000 I/Os of 4 KiB per second: " + kib + " KiB/s");
            }
        }
    }
}
