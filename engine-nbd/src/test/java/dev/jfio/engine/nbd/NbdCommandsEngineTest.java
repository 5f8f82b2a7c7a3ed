package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.spi.IoOp;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nbd_op}, {@code nbd_zero_flags}, {@code nbd_fua_percentage} and {@code nbd_df} against
 * real servers: each command really goes out (the server's log or its data says so), what the
 * replies report is counted, and what an export does not advertise is refused at setup naming the
 * flag.
 */
class NbdCommandsEngineTest {
    static final int MIB = 1 << 20;
    static final int IMAGE = 16 * MIB;

    @TempDir
    Path dir;

    private static HarnessBuilder job(ServerFixture server) {
        return NbdEngineTest.job().option(NbdOptions.URI, server.uri());
    }

    /** An extent of {@code nbdinfo --map}: type bit 0 hole, bit 1 zero. */
    record Extent(long offset, long length, int type) {}

    /** A 16 MiB raw image with data written (by qemu-io) in a few places, some across 1 MiB boundaries. */
    private Path halfWrittenImage() throws Exception {
        ServerFixture.requireBinary("qemu-img", "qemu-utils");
        ServerFixture.requireBinary("qemu-io", "qemu-utils");
        Path image = dir.resolve("half.img");
        run("qemu-img", "create", "-f", "raw", image.toString(), String.valueOf(IMAGE));
        run(
                "qemu-io",
                "-f",
                "raw",
                "-c",
                "write -P 0xab 1M 2M",
                "-c",
                "write -P 0x11 5056k 128k",
                "-c",
                "write -P 0x22 8196k 512k",
                "-c",
                "write -P 0x33 12M 64k",
                image.toString());
        return image;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static List<Extent> nbdinfoMap(String uri) throws Exception {
        ServerFixture.requireBinary("nbdinfo", "libnbd-bin");
        String json = run("nbdinfo", "--map", "--json", uri);
        Matcher m = Pattern.compile("\"offset\": (\\d+), \"length\": (\\d+), \"type\": (\\d+)")
                .matcher(json);
        List<Extent> map = new ArrayList<>();
        while (m.find()) {
            map.add(new Extent(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3))));
        }
        assertTrue(map.size() > 4, "nbdinfo --map: " + json);
        return map;
    }

    /** The counts a block-status job of {@code bs} blocks over the whole image should report, from the map. */
    private static Map<String, String> expected(List<Extent> map, long bs) {
        long extents = 0, data = 0, hole = 0, zero = 0;
        for (long b = 0; b < IMAGE; b += bs) {
            for (Extent e : map) {
                long n = Math.min(b + bs, e.offset + e.length) - Math.max(b, e.offset);
                if (n > 0) {
                    extents++;
                    data += (e.type & 1) == 0 ? n : 0;
                    hole += (e.type & 1) != 0 ? n : 0;
                    zero += (e.type & 2) != 0 ? n : 0;
                }
            }
        }
        return Map.of(
                "block_status_requests", String.valueOf(IMAGE / bs),
                "block_status_extents", String.valueOf(extents),
                "block_status_data_bytes", String.valueOf(data),
                "block_status_hole_bytes", String.valueOf(hole),
                "block_status_zero_bytes", String.valueOf(zero));
    }

    private static void assertCounts(Map<String, String> expected, Map<String, String> properties) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), properties.get(e.getKey()), e.getKey() + " in " + properties);
        }
    }

    @Test
    void blockStatusOverAHalfWrittenQemuImageCountsTheExtentsNbdinfoMapPrints() throws Exception {
        try (ServerFixture qemu = ServerFixture.qemuNbdOf(halfWrittenImage(), dir)) {
            List<Extent> map = nbdinfoMap(qemu.uri());
            try (EngineHarness h = job(qemu)
                    .rw("read")
                    .option(NbdOptions.OP, "block_status")
                    .bs(IMAGE)
                    .size(IMAGE)
                    .start()) {
                h.pipeline(IoOp.READ, 1, IMAGE, false);
                Map<String, String> p = h.engine().properties();
                assertEquals(String.valueOf(map.size()), p.get("block_status_extents"), p.toString());
                assertCounts(expected(map, IMAGE), p);
                assertTrue(p.get("read_command").startsWith("NBD_CMD_BLOCK_STATUS (base:allocation"), p.toString());
            }
            // in 1 MiB requests, an extent across a block boundary is reported once per block
            try (EngineHarness h = job(qemu)
                    .rw("randread")
                    .option(NbdOptions.OP, "block_status")
                    .bs(MIB)
                    .size(IMAGE)
                    .iodepth(4)
                    .start()) {
                h.pipeline(IoOp.READ, IMAGE / MIB, MIB, false);
                Map<String, String> p = h.engine().properties();
                assertCounts(expected(map, MIB), p);
                assertTrue(Long.parseLong(p.get("block_status_extents")) > map.size(), p.toString());
            }
        }
    }

    @Test
    void dfReadsOfHolesAndDataOnQemuNbdComeBackWhole() throws Exception {
        try (ServerFixture qemu = ServerFixture.qemuNbdOf(halfWrittenImage(), dir);
                EngineHarness h = job(qemu)
                        .rw("read")
                        .option(NbdOptions.DF, true)
                        .bs(256 * 1024)
                        .size(IMAGE)
                        .start()) {
            byte[] hole = h.read(4 * MIB, 256 * 1024);
            byte[] data = h.read(MIB + 4096, 256 * 1024);
            for (int i = 0; i < hole.length; i++) {
                assertEquals(0, hole[i], "hole byte " + i);
                assertEquals((byte) 0xab, data[i], "data byte " + i);
            }
            Map<String, String> p = h.engine().properties();
            assertEquals("NBD_CMD_READ (NBD_CMD_FLAG_DF)", p.get("read_command"));
            assertEquals("2", p.get("df_reads"), p.toString());
        }
    }

    private static long logged(Path log, String request, String flag) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(" " + request + " id=") && l.endsWith(" ...") && l.contains(flag))
                    .count();
        }
    }

    @Test
    void zeroWritesSendWriteZeroesWithTheirFlagsAndReadBackAsZeros() throws Exception {
        Path log = dir.resolve("requests.log");
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "16M", "--filter=log", "logfile=" + log)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(2 * MIB);
            for (int i = 0; i < 2 * MIB; i++) {
                buf.put(i, (byte) (i * 7 + 1));
            }
            try (NbdConnection c = NbdConnection.connect(nbdkit.endpoint(), new NbdConnection.Options())) {
                c.write(0, buf, 2 * MIB, false);
            }
            try (EngineHarness h = job(nbdkit)
                    .rw("write")
                    .option(NbdOptions.OP, "zero")
                    .option(NbdOptions.ZERO_FLAGS, "no_hole,fast_zero")
                    .bs(65536)
                    .size(MIB)
                    .iodepth(8)
                    .start()) {
                h.pipeline(IoOp.WRITE, 16, 65536, false);
                assertEquals(
                        "NBD_CMD_WRITE_ZEROES (NBD_CMD_FLAG_NO_HOLE, NBD_CMD_FLAG_FAST_ZERO)",
                        h.engine().properties().get("write_command"));
            }
            assertEquals(16, logged(log, "Zero", "trim=0 fua=0 fast=1"));
            assertEquals(1, logged(log, "Write", ""), "only the pattern's write");
            ByteBuffer back = ByteBuffer.allocateDirect(2 * MIB);
            try (NbdConnection c = NbdConnection.connect(nbdkit.endpoint(), new NbdConnection.Options())) {
                c.read(0, back, 2 * MIB);
            }
            for (int i = 0; i < 2 * MIB; i++) {
                assertEquals(i < MIB ? 0 : buf.get(i), back.get(i), "byte " + i);
            }
        }
    }

    @Test
    void fuaPercentageSendsThatShareOfWritesWithFuaAsTheServerLogShows() throws Exception {
        Path log = dir.resolve("requests.log");
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "16M", "--filter=log", "logfile=" + log);
                EngineHarness h = job(nbdkit)
                        .rw("write")
                        .option(NbdOptions.FUA_PERCENTAGE, 25L)
                        .bs(4096)
                        .size(4 * MIB)
                        .iodepth(4)
                        .start()) {
            h.pipeline(IoOp.WRITE, 400, 4096, false);
            h.cleanup();
            long fua = Long.parseLong(h.engine().properties().get("fua_writes"));
            assertEquals(logged(log, "Write", "fua=1"), fua);
            assertEquals(400 - fua, logged(log, "Write", "fua=0"));
            assertTrue(fua > 50 && fua < 150, "25% of 400 writes with FUA: " + fua);
        }
    }

    private static String fuaWrites(int jobNumber, int clone) throws IOException {
        try (EngineHarness h = NbdEngineTest.job()
                .jobNumber(jobNumber)
                .cloneIndex(clone)
                .rw("write")
                .option(NbdOptions.FUA_PERCENTAGE, 30L)
                .bs(4096)
                .size(MIB)
                .start()) {
            h.pipeline(IoOp.WRITE, 1000, 4096, false);
            return h.engine().properties().get("fua_writes");
        }
    }

    @Test
    void theFuaShareRepeatsForAJobCloneAndDiffersBetweenClones() throws Exception {
        String first = fuaWrites(3, 0);
        assertEquals(first, fuaWrites(3, 0));
        assertFalse(first.equals(fuaWrites(3, 1)) && first.equals(fuaWrites(4, 0)), first);
        long n = Long.parseLong(first);
        assertTrue(n > 200 && n < 400, "30% of 1000 writes: " + n);
    }

    @Test
    void cacheReadsSendNbdCmdCache() throws Exception {
        Path log = dir.resolve("requests.log");
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "16M", "--filter=log", "logfile=" + log);
                EngineHarness h = job(nbdkit)
                        .rw("read")
                        .option(NbdOptions.OP, "cache")
                        .bs(65536)
                        .size(4 * MIB)
                        .iodepth(4)
                        .start()) {
            h.pipeline(IoOp.READ, 64, 65536, false);
            h.cleanup();
            assertEquals("NBD_CMD_CACHE", h.engine().properties().get("read_command"));
            assertEquals(64, logged(log, "Cache", ""));
            assertEquals(0, logged(log, "Read", ""));
        }
    }

    @Test
    void blockStatusAllocatesNothingPerRequest() throws Exception {
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "16M");
                EngineHarness h = job(nbdkit)
                        .rw("rw")
                        .option(NbdOptions.OP, "block_status")
                        .bs(65536)
                        .size(16 * MIB)
                        .iodepth(8)
                        .start()) {
            h.pipeline(IoOp.WRITE, 64, 65536, false);
            // a first measured round lets class initialisation and JIT compilation settle
            h.allocatedBytes(IoOp.READ, 20000, 65536);
            long bytes = h.allocatedBytes(IoOp.READ, 20000, 65536);
            assertTrue(bytes >= 0 && bytes < 1024, "allocated " + bytes + " bytes for 20000 block-status requests");
        }
    }

    private Path sub(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private IOException refusal(ServerFixture server, HarnessBuilder b) {
        return assertThrows(IOException.class, () -> {
            try (EngineHarness h = b.option(NbdOptions.URI, server.uri()).start()) {
                h.cleanup();
            }
        });
    }

    private static void assertMessage(IOException e, String... parts) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        for (String p : parts) {
            assertTrue(m.contains(p), "'" + p + "' in: " + m);
        }
    }

    @Test
    void commandsTheExportDoesNotAdvertiseAreRefusedNamingTheFlag() throws Exception {
        try (ServerFixture s = ServerFixture.nbdkitUnix(sub("a"), "16M", "--filter=nocache", "cachemode=none")) {
            assertMessage(
                    refusal(s, NbdEngineTest.job().rw("read").option(NbdOptions.OP, "cache")),
                    "nbd_op=cache but NBD export nbd+unix:",
                    "does not advertise NBD_FLAG_SEND_CACHE");
        }
        try (ServerFixture s = ServerFixture.nbdkitUnix(sub("b"), "16M", "--filter=nozero", "zeromode=none")) {
            assertMessage(
                    refusal(s, NbdEngineTest.job().rw("write").option(NbdOptions.OP, "zero")),
                    "nbd_op=zero but",
                    "does not advertise NBD_FLAG_SEND_WRITE_ZEROES");
        }
        try (ServerFixture s =
                ServerFixture.nbdkitUnix(sub("c"), "16M", "--filter=nozero", "zeromode=plugin", "fastzeromode=none")) {
            HarnessBuilder b = NbdEngineTest.job()
                    .rw("write")
                    .option(NbdOptions.OP, "zero")
                    .option(NbdOptions.ZERO_FLAGS, "fast_zero");
            assertMessage(refusal(s, b), "nbd_zero_flags=fast_zero but", "does not advertise NBD_FLAG_SEND_FAST_ZERO");
        }
        try (ServerFixture s = ServerFixture.nbdkitUnix(sub("d"), "16M", "--filter=fua")) {
            assertMessage(
                    refusal(s, NbdEngineTest.job().rw("write").option(NbdOptions.FUA_PERCENTAGE, 10L)),
                    "nbd_fua_percentage=10 but",
                    "does not advertise NBD_FLAG_SEND_FUA");
        }
    }

    @Test
    void nbdServerWithoutStructuredRepliesRefusesBlockStatusAndDf() throws Exception {
        try (ServerFixture s = ServerFixture.nbdServer(dir, 16 * MIB, false)) {
            assertMessage(
                    refusal(s, NbdEngineTest.job().rw("read").option(NbdOptions.OP, "block_status")),
                    "nbd_op=block_status needs structured replies, but NBD export",
                    "refused them (NBD_OPT_STRUCTURED_REPLY)");
            assertMessage(
                    refusal(s, NbdEngineTest.job().rw("read").option(NbdOptions.DF, true)),
                    "nbd_df=1 but",
                    "does not advertise NBD_FLAG_SEND_DF");
            assertMessage(
                    refusal(s, NbdEngineTest.job().rw("read").option(NbdOptions.OP, "cache")),
                    "does not advertise NBD_FLAG_SEND_CACHE");
        }
    }

    @Test
    void blockStatusIsRefusedWhenTheMetaContextOrStructuredRepliesAreMissing() throws Exception {
        IOException embedded = assertThrows(IOException.class, () -> {
            try (EngineHarness h = NbdEngineTest.job()
                    .rw("read")
                    .option(NbdOptions.OP, "block_status")
                    .start()) {
                h.cleanup();
            }
        });
        assertMessage(
                embedded,
                "nbd_op=block_status needs the base:allocation meta context, but NBD export",
                "refused it (NBD_OPT_SET_META_CONTEXT)");
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "16M")) {
            HarnessBuilder b = NbdEngineTest.job()
                    .rw("read")
                    .option(NbdOptions.OP, "block_status")
                    .option(NbdOptions.STRUCTURED_REPLIES, false);
            assertMessage(refusal(s, b), "nbd_op=block_status needs structured replies, but structured_replies=0");
        }
    }

    private static IOException badOption(HarnessBuilder b) {
        return assertThrows(IOException.class, () -> {
            try (EngineHarness h = b.start()) {
                h.cleanup();
            }
        });
    }

    @Test
    void badCommandOptionsAreOneLineErrorsBeforeAnyConnection() {
        assertMessage(
                badOption(NbdEngineTest.job().option(NbdOptions.OP, "bogus")),
                "nbd_op=bogus: unknown command 'bogus'; accepted: read, cache, block_status (reads), write, zero");
        assertMessage(
                badOption(NbdEngineTest.job().option(NbdOptions.OP, "zero:read")),
                "nbd_op=zero:read: 'zero' is not a command for reads; accepted: read, cache, block_status");
        assertMessage(
                badOption(NbdEngineTest.job().option(NbdOptions.OP, "read:write:zero")),
                "nbd_op=read:write:zero: give one command or READS:WRITES");
        assertMessage(
                badOption(NbdEngineTest.job().rw("write").option(NbdOptions.OP, "block_status")),
                "nbd_op=block_status makes reads NBD_CMD_BLOCK_STATUS, but the job does not read");
        assertMessage(
                badOption(NbdEngineTest.job().option(NbdOptions.ZERO_FLAGS, "no_hole")),
                "nbd_zero_flags=no_hole applies to nbd_op=zero writes only");
        assertMessage(
                badOption(NbdEngineTest.job()
                        .option(NbdOptions.OP, "zero")
                        .option(NbdOptions.ZERO_FLAGS, "no_hole,sparse")),
                "unknown flag 'sparse'; accepted: no_hole, fast_zero");
        assertMessage(
                badOption(NbdEngineTest.job().option(NbdOptions.FUA_PERCENTAGE, 101L)),
                "nbd_fua_percentage=101: give a percentage from 0 to 100");
        assertMessage(
                badOption(NbdEngineTest.job()
                        .option(NbdOptions.OP, "block_status")
                        .option(NbdOptions.DF, true)),
                "nbd_df=1 applies to reads sent as NBD_CMD_READ, but the job's reads are NBD_CMD_BLOCK_STATUS");
    }
}
