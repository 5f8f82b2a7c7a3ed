package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What jobs write: fio's scramble_buffers, buffer_compress_percentage and buffer_compress_chunk,
 * dedupe_percentage, dedupe_mode, dedupe_working_set_percentage and dedupe_global, checked on the
 * bytes an in-memory disk receives (deflate ratios, duplicate 4k blocks), and compared with the files
 * fio 3.33 writes for the same jobs.
 */
class BufferContentRunTest {
    static final int DISK = 4 << 20;
    static final Map<String, byte[]> DISKS = new ConcurrentHashMap<>();

    /** A 4 MiB in-memory disk per target that keeps what is written. */
    public static final class MemoryDisk implements IoEngineProvider {
        @Override
        public String name() {
            return "memdisk";
        }

        @Override
        public String description() {
            return "keeps written bytes in memory";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(DISK);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    if (unit.op() == IoOp.WRITE) {
                        byte[] disk = DISKS.computeIfAbsent(unit.target().name(), k -> new byte[DISK]);
                        ByteBuffer b = unit.buffer().duplicate();
                        b.position(0).limit(unit.length());
                        b.get(disk, (int) unit.offset(), unit.length());
                    }
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        DISKS.clear();
    }

    private byte[] jfio(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--name=t", "--ioengine=memdisk", "--filename=t0", "--rw=write"));
        args.addAll(List.of(options));
        new OneEngineRun(dir, MemoryDisk.class).run(args.toArray(new String[0]));
        return DISKS.get("t0");
    }

    /** The file fio 3.33 writes for the same options (psync, a fresh file). */
    private byte[] fio(String... options) throws Exception {
        requireFio();
        Path file = dir.resolve("fio.dat");
        Files.deleteIfExists(file);
        List<String> command = new ArrayList<>(List.of(
                "fio",
                "--name=t",
                "--ioengine=psync",
                "--rw=write",
                "--filename=" + file,
                "--output=" + dir.resolve("fio.out")));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("fio failed: " + command + "\n" + out);
        }
        return Files.readAllBytes(file);
    }

    private static void requireFio() {
        boolean present = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(d, "fio"));
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("fio 3.33 is needed to compare with (Debian: apt-get install fio)");
        }
        assumeTrue(present, "needs fio to compare with (Debian: apt-get install fio)");
    }

    static double deflateRatio(byte[] data, int length) {
        Deflater d = new Deflater(6);
        d.setInput(data, 0, length);
        d.finish();
        byte[] out = new byte[65536];
        long total = 0;
        while (!d.finished()) {
            total += d.deflate(out);
        }
        d.end();
        return (double) total / length;
    }

    /** The share of distinct 4 KiB blocks in the first {@code length} bytes. */
    static double distinctShare(byte[] data, int length) {
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < length; i += 4096) {
            seen.add(ByteBuffer.wrap(data, i, 4096).slice());
        }
        return (double) seen.size() / (length / 4096);
    }

    @Test
    void scrambleBuffersByDefaultMakesEveryBlockOfAReusedBufferDistinct() throws Exception {
        assertEquals(1.0, distinctShare(jfio("--bs=4k", "--size=1m"), 1 << 20), "fio's default: scramble_buffers=1");
        DISKS.clear();
        assertEquals(1.0 / 256, distinctShare(jfio("--bs=4k", "--size=1m", "--scramble_buffers=0"), 1 << 20));
        DISKS.clear();
        assertEquals(
                1.0 / 256, distinctShare(jfio("--bs=4k", "--size=1m", "--zero_buffers"), 1 << 20), "zero_buffers: off");
        DISKS.clear();
        byte[] zeroScrambled = jfio("--bs=4k", "--size=1m", "--zero_buffers", "--scramble_buffers=1");
        assertEquals(1.0, distinctShare(zeroScrambled, 1 << 20), "set explicitly, it applies to zeroed buffers too");
        boolean carriesOffset = false;
        for (int line = 0; line < 8; line++) {
            carriesOffset |= ByteBuffer.wrap(zeroScrambled).getLong(4096 + 512 + line * 64) == 4096 + 512;
        }
        assertTrue(carriesOffset, "each 512-byte block carries its offset");
        assertTrue(
                deflateRatio(fio("--bs=4k", "--size=1m"), 1 << 20) < 0.1
                        && deflateRatio(jfio("--bs=4k", "--size=1m"), 1 << 20) < 0.1,
                "scrambled blocks still compress well, in fio as in jfio");
    }

    @Test
    void bufferCompressPercentageWritesDataThatCompressesToThatShareAsFiosDoes() throws Exception {
        for (int percent : new int[] {25, 50, 75}) {
            DISKS.clear();
            double jfio = deflateRatio(jfio("--bs=4k", "--size=4m", "--buffer_compress_percentage=" + percent), DISK);
            double fio = deflateRatio(fio("--bs=4k", "--size=4m", "--buffer_compress_percentage=" + percent), DISK);
            double expected = (100 - percent) / 100.0;
            assertTrue(Math.abs(jfio - expected) < 0.05, percent + "%: jfio's data deflates to " + jfio);
            assertTrue(Math.abs(jfio - fio) < 0.03, percent + "%: jfio " + jfio + ", fio " + fio);
        }
        DISKS.clear();
        assertTrue(deflateRatio(jfio("--bs=4k", "--size=4m", "--refill_buffers"), DISK) > 0.99, "without: random");
    }

    @Test
    void bufferCompressChunkSetsTheRandomAndZeroRegionsSize() throws Exception {
        byte[] chunked = jfio("--bs=64k", "--size=1m", "--buffer_compress_percentage=50", "--buffer_compress_chunk=4k");
        byte[] whole = null;
        for (int block = 0; block < 16; block++) {
            int at = block * 65536;
            assertTrue(allZero(chunked, at + 2048, 2048), "4k chunks: the second half of each is fixed");
            assertTrue(!allZero(chunked, at + 4096, 2048), "4k chunks: the first half of each is random");
        }
        DISKS.clear();
        whole = jfio("--bs=64k", "--size=1m", "--buffer_compress_percentage=50", "--buffer_compress_chunk=0");
        assertTrue(allZero(whole, 32768, 32768) && !allZero(whole, 4096, 2048), "0: one region per block");
    }

    private static boolean allZero(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void dedupePercentageMakesThatShareOfBlocksDuplicatesAsFiosDoes() throws Exception {
        for (int percent : new int[] {30, 70}) {
            DISKS.clear();
            double jfio = distinctShare(jfio("--bs=4k", "--size=4m", "--dedupe_percentage=" + percent), DISK);
            double fio = distinctShare(fio("--bs=4k", "--size=4m", "--dedupe_percentage=" + percent), DISK);
            double expected = (100 - percent) / 100.0;
            assertTrue(Math.abs(jfio - expected) < 0.05, percent + "%: distinct share " + jfio);
            assertTrue(Math.abs(jfio - fio) < 0.06, percent + "%: jfio " + jfio + ", fio " + fio);
        }
    }

    @Test
    void dedupeRepeatCopiesThePreviousUniqueBlockAndWorkingSetDrawsFromTheFirstUniqueOnes() throws Exception {
        byte[] repeat = jfio("--bs=4k", "--size=4m", "--dedupe_percentage=50");
        Map<ByteBuffer, Integer> firstAt = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < DISK; i += 4096) {
            ByteBuffer block = ByteBuffer.wrap(repeat, i, 4096).slice();
            Integer seen = firstAt.putIfAbsent(block, i);
            if (seen != null) {
                repeats++;
                assertTrue(ByteBuffer.wrap(repeat, i - 4096, 4096).slice().equals(block), "repeats the block before");
            }
        }
        assertTrue(repeats > 400, "repeats: " + repeats);
        DISKS.clear();
        byte[] ws = jfio(
                "--bs=4k",
                "--size=4m",
                "--dedupe_percentage=50",
                "--dedupe_mode=working_set",
                "--dedupe_working_set_percentage=10");
        List<ByteBuffer> uniqueInOrder = new ArrayList<>();
        Set<ByteBuffer> unique = new HashSet<>();
        int far = 0;
        int dups = 0;
        for (int i = 0; i < DISK; i += 4096) {
            ByteBuffer block = ByteBuffer.wrap(ws, i, 4096).slice();
            if (unique.add(block)) {
                uniqueInOrder.add(block);
            } else {
                dups++;
                if (uniqueInOrder.indexOf(block) >= 102) {
                    far++;
                }
            }
        }
        assertEquals(0, far, "duplicates come from the first 10% (102 pages) of unique blocks");
        assertTrue(dups > 350 && dups < 560, "about half the blocks are duplicates: " + dups);
    }

    @Test
    void dedupeGlobalSharesTheWorkingSetAmongJobs() throws Exception {
        for (boolean global : new boolean[] {false, true}) {
            DISKS.clear();
            new OneEngineRun(dir, MemoryDisk.class)
                    .run(
                            "--ioengine=memdisk",
                            "--rw=write",
                            "--bs=4k",
                            "--size=4m",
                            "--dedupe_percentage=60",
                            "--dedupe_mode=working_set",
                            "--dedupe_working_set_percentage=5",
                            "--dedupe_global=" + (global ? 1 : 0),
                            "--name=a",
                            "--filename=a",
                            "--name=b",
                            "--filename=b");
            Set<ByteBuffer> inA = new HashSet<>();
            for (int i = 0; i < DISK; i += 4096) {
                inA.add(ByteBuffer.wrap(DISKS.get("a"), i, 4096).slice());
            }
            int shared = 0;
            for (int i = 0; i < DISK; i += 4096) {
                shared += inA.contains(ByteBuffer.wrap(DISKS.get("b"), i, 4096).slice()) ? 1 : 0;
            }
            if (global) {
                assertTrue(shared > 400, "dedupe_global: b's duplicates are a's: " + shared);
            } else {
                assertEquals(0, shared, "each job dedupes against its own blocks");
            }
        }
    }
}
