package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offsets and sizes a job's I/Os get from fio's rw modifier ({@code rw=read:8k},
 * {@code rw=randread:4}), rw_sequencer, blockalign, bs_is_seq_rand, per-direction
 * percentage_random, offset_align and number_ios, run through the real runner with an engine that
 * records each I/O; the deterministic ones are compared with the iolog fio 3.33 writes for the
 * same job.
 */
class OffsetPatternRunTest {
    /** Each I/O the engine was given: {op, offset, length}. */
    static final List<long[]> IOS = Collections.synchronizedList(new ArrayList<>());

    /** Records each I/O as {op, offset, length} in {@link #IOS}. */
    public static final class Recorder extends InstantEngineProvider {
        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public String description() {
            return "records each I/O's direction, offset and length";
        }

        @Override
        protected void seen(IoUnit unit) {
            IOS.add(new long[] {unit.op().ordinal(), unit.offset(), unit.length()});
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        IOS.clear();
    }

    private List<long[]> jfio(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--name=t", "--ioengine=recorder", "--filename=t0"));
        args.addAll(List.of(options));
        new OneEngineRun(dir, Recorder.class).run(args.toArray(new String[0]));
        return new ArrayList<>(IOS);
    }

    /** The I/Os fio 3.33's iolog records for the same options on its null engine: "r0", "w4096", ... */
    private List<String> fio(String... options) throws Exception {
        requireFio();
        Path log = dir.resolve("fio.iolog");
        Files.deleteIfExists(log); // fio appends to an iolog
        List<String> command = new ArrayList<>(List.of(
                "fio", "--name=t", "--ioengine=null", "--write_iolog=" + log, "--output=" + dir.resolve("fio.out")));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("fio failed: " + command + "\n" + out);
        }
        List<String> ios = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5 && (f[2].equals("read") || f[2].equals("write") || f[2].equals("trim"))) {
                ios.add(f[2].charAt(0) + f[3] + "+" + f[4]);
            }
        }
        return ios;
    }

    private static List<String> named(List<long[]> ios) {
        List<String> out = new ArrayList<>();
        for (long[] io : ios) {
            out.add("rwt".charAt((int) io[0]) + Long.toString(io[1]) + "+" + io[2]);
        }
        return out;
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

    @Test
    void sequentialModifierLeavesHolesAndRunsBackwardsAsFioDoes() throws Exception {
        for (String rw : List.of("read:8k", "read:4k", "write:12k", "read:-8k")) {
            IOS.clear();
            List<String> expected = fio("--rw=" + rw, "--size=64k", "--bs=4k");
            assertEquals(expected, named(jfio("--rw=" + rw, "--size=64k", "--bs=4k")), "rw=" + rw);
        }
    }

    @Test
    void randomModifierTakesANewRandomOffsetEveryNthIoAndContinuesSequentiallyBetween() throws Exception {
        List<long[]> ios = jfio("--rw=randread:4", "--size=1m", "--bs=4k", "--norandommap", "--number_ios=200");
        assertEquals(200, ios.size());
        int jumps = 0;
        for (int i = 1; i < ios.size(); i++) {
            boolean follows = ios.get(i)[1] == ios.get(i - 1)[1] + 4096;
            if (i % 4 != 0) {
                assertTrue(follows || ios.get(i - 1)[1] + 4096 >= 1 << 20, "I/O " + i + " continues the previous one");
            } else if (!follows) {
                jumps++;
            }
        }
        assertTrue(jumps > 40, "every 4th I/O is random: " + jumps + " of 49 jumped");
    }

    @Test
    void identicalSequencerRepeatsTheLastOffsetBetweenRandomOnes() throws Exception {
        List<long[]> ios = jfio("--rw=randread:3", "--rw_sequencer=identical", "--size=1m", "--bs=4k");
        assertEquals(256, ios.size(), "the size still bounds the pass");
        for (int i = 1; i < ios.size(); i++) {
            if (i % 3 != 0) {
                assertEquals(ios.get(i - 1)[1], ios.get(i)[1], "I/O " + i + " repeats the previous offset");
            }
        }
    }

    @Test
    void blockalignAlignsRandomOffsetsFinerThanTheBlockSize() throws Exception {
        List<long[]> aligned = jfio("--rw=randread", "--size=1m", "--bs=8k", "--ba=4k", "--norandommap");
        long odd = aligned.stream().filter(io -> io[1] % 8192 == 4096).count();
        assertEquals(128, aligned.size());
        assertTrue(aligned.stream().allMatch(io -> io[1] % 4096 == 0));
        assertTrue(odd > 35, "offsets at odd 4k multiples: " + odd + " of 128");
        IOS.clear();
        List<long[]> plain = jfio("--rw=randread", "--size=1m", "--bs=8k", "--norandommap");
        assertTrue(plain.stream().allMatch(io -> io[1] % 8192 == 0), "without blockalign: the block size");
    }

    @Test
    void bsIsSeqRandGivesRandomIosTheWriteSizeAndSequentialOnesTheReadSize() throws Exception {
        List<long[]> ios = jfio(
                "--rw=randread:2",
                "--bs=4k,64k",
                "--bs_is_seq_rand=1",
                "--size=1m",
                "--norandommap",
                "--number_ios=20");
        assertEquals(20, ios.size());
        for (int i = 0; i < ios.size(); i++) {
            assertEquals(i % 2 == 0 ? 65536 : 4096, ios.get(i)[2], "I/O " + i);
        }
        IOS.clear();
        List<long[]> without = jfio("--rw=randread:2", "--bs=4k,64k", "--size=1m", "--norandommap", "--number_ios=100");
        assertTrue(without.stream().allMatch(io -> io[2] == 4096), "reads keep the read size otherwise");
    }

    @Test
    void percentageRandomAppliesPerDirection() throws Exception {
        List<long[]> ios = jfio("--rw=randrw", "--percentage_random=100,0", "--size=1m", "--bs=4k", "--norandommap");
        int writes = 0;
        int followingWrites = 0;
        int reads = 0;
        int followingReads = 0;
        for (int i = 1; i < ios.size(); i++) {
            long end = ios.get(i - 1)[1] + ios.get(i - 1)[2];
            boolean follows = ios.get(i)[1] == end || (end >= 1 << 20 && ios.get(i)[1] == 0);
            if (ios.get(i)[0] == IoOp.WRITE.ordinal()) {
                writes++;
                followingWrites += follows ? 1 : 0;
            } else {
                reads++;
                followingReads += follows ? 1 : 0;
            }
        }
        assertEquals(writes, followingWrites, "percentage_random=...,0: every write is sequential");
        assertTrue(followingReads < reads / 10, "reads stay random: " + followingReads + " of " + reads + " followed");
    }

    @Test
    void numberIosEndsEachLoopAfterThatManyIosAsFioDoes() throws Exception {
        int fioIos = fio("--rw=read", "--size=64k", "--bs=4k", "--loops=3", "--number_ios=10")
                .size();
        assertEquals(30, fioIos);
        assertEquals(
                fioIos,
                jfio("--rw=read", "--size=64k", "--bs=4k", "--loops=3", "--number_ios=10")
                        .size());
    }

    @Test
    void percentageOffsetIsAlignedUpToOffsetAlignAsFioDoes() throws Exception {
        for (String align : List.of("", "--offset_align=64k")) {
            IOS.clear();
            List<String> opts = new ArrayList<>(List.of("--rw=read", "--size=1m", "--offset=33%", "--bs=4k"));
            if (!align.isEmpty()) {
                opts.add(align);
            }
            String first = fio(opts.toArray(new String[0])).get(0);
            assertEquals(first, named(jfio(opts.toArray(new String[0]))).get(0), "first I/O with " + opts);
        }
    }

    @Test
    void lfsrNeverRepeatsAnOffsetWithinAPassEvenWithoutTheRandomMap() throws Exception {
        List<long[]> lfsr = jfio("--rw=randread", "--size=1m", "--bs=4k", "--norandommap", "--random_generator=lfsr");
        assertEquals(256, lfsr.size());
        assertEquals(256, lfsr.stream().map(io -> io[1]).distinct().count(), "every block once");
        IOS.clear();
        List<long[]> plain = jfio("--rw=randread", "--size=1m", "--bs=4k", "--norandommap");
        assertTrue(plain.stream().map(io -> io[1]).distinct().count() < 256, "norandommap alone repeats blocks");
    }

    @Test
    void allrandrepeatRepeatsEveryRandomStreamEvenWithRandrepeatOff() throws Exception {
        String[] job = {"--rw=randrw", "--size=1m", "--bsrange=4k-16k", "--randrepeat=0", "--allrandrepeat=1"};
        List<String> first = named(jfio(job));
        IOS.clear();
        assertEquals(first, named(jfio(job)), "same directions, offsets and sizes");
        IOS.clear();
        List<String> fresh = named(jfio("--rw=randrw", "--size=1m", "--bsrange=4k-16k", "--randrepeat=0"));
        IOS.clear();
        assertTrue(
                !fresh.equals(named(jfio("--rw=randrw", "--size=1m", "--bsrange=4k-16k", "--randrepeat=0"))),
                "randrepeat=0 alone draws new seeds each run");
    }
}
