package dev.jfio.nbd;

import static dev.jfio.testing.MiniJson.at;
import static dev.jfio.testing.MiniJson.integer;
import static dev.jfio.testing.MiniJson.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.JfioRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nbd_connections} through the command line: verified writes, and examples/nbd-sweep.fio. */
class NbdConnectionsRunTest {
    @TempDir
    Path dir;

    @Test
    void randomWritesThroughFourNbdkitConnectionsAreReadBackAndVerifiedWithCrc32c() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M")) {
            JfioRun r = JfioRun.run(
                    "--name=v",
                    "--ioengine=nbd",
                    "--uri=" + s.uri(),
                    "--nbd_connections=4",
                    "--rw=randwrite",
                    "--bs=4k",
                    "--size=16m",
                    "--iodepth=16",
                    "--verify=crc32c",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            Object doc = r.json();
            assertEquals(0L, integer(doc, "jobs", 0, "error"));
            assertEquals(4096L, integer(doc, "jobs", 0, "write", "total_ios"));
            assertEquals(4096L, integer(doc, "jobs", 0, "read", "total_ios"), "every block read back");
            assertEquals("4", at(doc, "jobs", 0, "jfio", "engine", "connections"));
            String[] per = ((String) at(doc, "jobs", 0, "jfio", "engine", "requests_per_connection")).split(",");
            assertEquals(4, per.length);
            for (String k : per) {
                assertTrue(Long.parseLong(k) > 8192 / 16, "every connection carries its share: " + List.of(per));
            }
        }
    }

    @Test
    void injectedReadErrorsOnFourConnectionsAreCountedExactlyOrFailTheJobWithOneLine() throws Exception {
        try (ServerFixture s =
                ServerFixture.nbdkitUnix(dir, "64M", "--filter=error", "error=EIO", "error-pread-rate=1%")) {
            String[] job = {
                "--name=eio",
                "--ioengine=nbd",
                "--uri=" + s.uri(),
                "--nbd_connections=4",
                "--iodepth=16",
                "--rw=randread",
                "--bs=4k",
                "--size=16m",
                "--output-format=json"
            };
            JfioRun counted = JfioRun.run(concat(job, "--continue_on_error=all"));
            assertEquals(0, counted.exit(), counted.toString());
            Object doc = counted.jsonAllowingFailure();
            Thread.sleep(100); // nbdkit writes each error line as it injects it
            long injected = s.logLines("injecting EIO error into pread");
            assertTrue(injected > 0, "1% of 4096 reads should fail");
            assertEquals(injected, integer(doc, "jobs", 0, "total_err"), counted.toString());
            assertEquals(4096L, integer(doc, "jobs", 0, "read", "total_ios"));

            JfioRun failed = JfioRun.run(job);
            assertEquals(1, failed.exit(), failed.toString());
            assertTrue(
                    failed.err()
                            .matches("(?s).*read of 4096 bytes at offset \\d+ on "
                                    + java.util.regex.Pattern.quote(s.uri()) + " failed: EIO \\(NBD_EIO.*"),
                    failed.err());
            assertFalse(failed.err().contains("\tat ") || failed.err().contains("Exception"), failed.toString());
            assertTrue(integer(failed.jsonAllowingFailure(), "jobs", 0, "read", "total_ios") < 4096);
        }
    }

    private static String[] concat(String[] a, String b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + 1);
        all[a.length] = b;
        return all;
    }

    @Test
    void theSweepExampleRunsEveryConnectionsAndDepthPairOnTheEmbeddedServerAndOnASockname() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "1G")) {
            for (String server : new String[] {"", "--sockname=" + s.endpoint().socketPath()}) {
                JfioRun r = server.isEmpty()
                        ? JfioRun.run(Map.of(), "../examples/nbd-sweep.fio", "--runtime=200ms", "--output-format=json")
                        : JfioRun.run(
                                Map.of(),
                                "../examples/nbd-sweep.fio",
                                server,
                                "--runtime=200ms",
                                "--output-format=json");
                assertEquals(0, r.exit(), r.toString());
                Object doc = r.json();
                int i = 0;
                for (int n : new int[] {1, 2, 4}) {
                    for (int depth : new int[] {1, 4, 16, 64}) {
                        String job = "c" + n + "-qd" + depth;
                        assertEquals(job, at(doc, "jobs", i, "jobname"), server);
                        assertEquals(
                                Integer.toString(Math.min(n, depth)),
                                at(doc, "jobs", i, "jfio", "engine", "connections"),
                                job + " " + server);
                        assertTrue(number(doc, "jobs", i, "read", "iops") > 0, job + " " + server);
                        i++;
                    }
                }
                String export = (String) at(doc, "jobs", 0, "jfio", "engine", "export");
                assertTrue(
                        server.isEmpty()
                                != export.contains(s.endpoint().socketPath().toString()),
                        server + ": " + export);
            }
        }
    }
}
