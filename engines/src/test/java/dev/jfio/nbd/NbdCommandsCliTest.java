package dev.jfio.nbd;

import static dev.jfio.testing.MiniJson.at;
import static dev.jfio.testing.MiniJson.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.JfioRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NBD commands as jobs of the jfio command line: {@code nbd_op} makes a direction's statistics
 * those of its command, the report says which command each direction timed and what block status
 * counted, and a verify that cannot work with the chosen commands is a one-line refusal.
 */
class NbdCommandsCliTest {
    @TempDir
    Path dir;

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static String property(Object json, String key) {
        return (String) at(json, "jobs", 0, "jfio", "engine", key);
    }

    @Test
    void blockStatusJobOverAHalfWrittenImageCountsTheExtentsOfNbdinfoMap() throws Exception {
        ServerFixture.requireBinary("qemu-img", "qemu-utils");
        ServerFixture.requireBinary("qemu-io", "qemu-utils");
        ServerFixture.requireBinary("nbdinfo", "libnbd-bin");
        Path image = dir.resolve("half.img");
        run("qemu-img", "create", "-f", "raw", image.toString(), "32M");
        run(
                "qemu-io",
                "-f",
                "raw",
                "-c",
                "write -P 0x5a 3M 1M",
                "-c",
                "write 9M 4k",
                "-c",
                "write 20M 6M",
                image.toString());
        try (ServerFixture qemu = ServerFixture.qemuNbdOf(image, dir)) {
            String map = run("nbdinfo", "--map", "--json", qemu.uri());
            Matcher m = Pattern.compile("\"length\": (\\d+), \"type\": (\\d+)").matcher(map);
            int mapped = 0;
            long data = 0;
            while (m.find()) {
                mapped++;
                data += (Integer.parseInt(m.group(2)) & 1) == 0 ? Long.parseLong(m.group(1)) : 0;
            }
            // what qemu-io wrote, and qemu-img's first 4 KiB (allocated to probe the alignment)
            assertTrue(data >= (1 << 20) + 4096 + (6 << 20), map);
            JfioRun r = JfioRun.run(
                    "--name=map",
                    "--ioengine=nbd",
                    "--uri=" + qemu.uri(),
                    "--rw=read",
                    "--bs=32m",
                    "--nbd_op=block_status",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            Object json = r.json();
            assertEquals(1L, integer(json, "jobs", 0, "read", "total_ios"));
            assertTrue(integer(json, "jobs", 0, "read", "clat_ns", "max") > 0, r.out());
            assertEquals(String.valueOf(mapped), property(json, "block_status_extents"), r.out());
            assertEquals(String.valueOf(data), property(json, "block_status_data_bytes"), map);
            assertTrue(property(json, "read_command").startsWith("NBD_CMD_BLOCK_STATUS"), r.out());
        }
    }

    @Test
    void randrwMixTimesBlockStatusAndWriteZeroesAsItsTwoDirections() throws Exception {
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "64M")) {
            JfioRun r = JfioRun.run(
                    "--name=mix",
                    "--ioengine=nbd",
                    "--uri=" + nbdkit.uri(),
                    "--rw=randrw",
                    "--bs=64k",
                    "--size=16m",
                    "--iodepth=8",
                    "--nbd_op=block_status:zero",
                    "--nbd_fua_percentage=50",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            Object json = r.json();
            long reads = integer(json, "jobs", 0, "read", "total_ios");
            long writes = integer(json, "jobs", 0, "write", "total_ios");
            assertEquals(256, reads + writes, r.out());
            assertEquals(String.valueOf(reads), property(json, "block_status_requests"));
            assertEquals("NBD_CMD_WRITE_ZEROES (NBD_CMD_FLAG_FUA on 50%)", property(json, "write_command"), r.out());
            long fua = Long.parseLong(property(json, "fua_writes"));
            assertTrue(fua > 0 && fua < writes, fua + " of " + writes);
        }
    }

    @Test
    void verifyWithACommandThatMovesNoDataIsAOneLineRefusal() {
        JfioRun r = JfioRun.run(
                "--name=v", "--ioengine=nbd", "--rw=write", "--bs=4k", "--size=1m", "--nbd_op=zero", "--verify=crc32c");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(
                r.err().contains("verify cannot check nbd_op=zero: NBD_CMD_WRITE_ZEROES moves no data to compare"),
                r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void theCommandsExampleRunsAgainstNbdkitAsItsHeaderSays() throws Exception {
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "1G")) {
            JfioRun r = JfioRun.run(
                    java.util.Map.of("uri", nbdkit.uri()), "../examples/nbd-commands.fio", "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            Object json = r.json();
            assertEquals("NBD_CMD_READ", at(json, "jobs", 1, "jfio", "engine", "read_command"));
            assertTrue(((String) at(json, "jobs", 2, "jfio", "engine", "read_command"))
                    .startsWith("NBD_CMD_BLOCK_STATUS"));
            long data = Long.parseLong((String) at(json, "jobs", 2, "jfio", "engine", "block_status_data_bytes"));
            long hole = Long.parseLong((String) at(json, "jobs", 2, "jfio", "engine", "block_status_hole_bytes"));
            assertTrue(data > 0 && hole > 0, "fill wrote half the area: data " + data + ", hole " + hole);
            assertEquals("NBD_CMD_CACHE", at(json, "jobs", 3, "jfio", "engine", "read_command"));
            assertTrue(integer(json, "jobs", 3, "read", "total_ios") > 0, r.out());
            assertEquals(
                    "NBD_CMD_WRITE_ZEROES (NBD_CMD_FLAG_NO_HOLE, NBD_CMD_FLAG_FUA on 10%)",
                    at(json, "jobs", 4, "jfio", "engine", "write_command"));
        }
    }

    @Test
    void engineHelpListsTheCommandOptions() {
        JfioRun r = JfioRun.run("--enghelp=nbd");
        assertEquals(0, r.exit(), r.toString());
        for (String option : new String[] {"nbd_op", "nbd_zero_flags", "nbd_fua_percentage", "nbd_df"}) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }
}
