package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify phase's options run through the real runner on an in-memory target that records
 * each I/O: experimental_verify's replay of the write sequence, verify_backlog_batch's batches
 * and verify_dump's files.
 */
class VerifyRunTest {
    /** Each data I/O the engine was given: {op, offset, length}. */
    static final List<long[]> IOS = Collections.synchronizedList(new ArrayList<>());
    /** The target's bytes. */
    static final byte[] DATA = new byte[1 << 20];
    /** A read covering this offset returns the byte flipped (-1: none). */
    static volatile long damageAt = -1;
    /** A trim leaves the data as it was (a device that ignores discards). */
    static volatile boolean trimLeavesData;

    /** Keeps what is written in {@link #DATA}; reads return it (with {@link #damageAt} flipped). */
    public static final class Memory implements IoEngineProvider {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public String description() {
            return "an in-memory 1 MiB target that records each I/O";
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
                        target.setSize(DATA.length);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    if (unit.op() != IoOp.FLUSH) {
                        IOS.add(new long[] {unit.op().ordinal(), unit.offset(), unit.length()});
                    }
                    ByteBuffer b = unit.buffer();
                    int off = (int) unit.offset();
                    for (int i = 0; i < unit.length() && unit.op() != IoOp.FLUSH; i++) {
                        if (unit.op() == IoOp.WRITE) {
                            DATA[off + i] = b.get(i);
                        } else if (unit.op() == IoOp.TRIM) {
                            DATA[off + i] = trimLeavesData ? DATA[off + i] : 0;
                        } else if (unit.op() == IoOp.READ) {
                            b.put(i, off + i == damageAt ? (byte) ~DATA[off + i] : DATA[off + i]);
                        }
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
        IOS.clear();
        damageAt = -1;
        trimLeavesData = false;
        java.util.Arrays.fill(DATA, (byte) 0);
    }

    private Runner.Outcome run(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--name=v", "--ioengine=memory", "--filename=disk0"));
        args.addAll(List.of(options));
        OneEngineRun run = new OneEngineRun(dir, Memory.class);
        run.auxPath = dir;
        return run.run(args.toArray(new String[0]));
    }

    private static List<Long> offsets(IoOp op) {
        List<Long> out = new ArrayList<>();
        synchronized (IOS) {
            for (long[] io : IOS) {
                if (io[0] == op.ordinal()) {
                    out.add(io[1]);
                }
            }
        }
        return out;
    }

    @Test
    void experimentalVerifyReadsBackEveryWriteInTheWorkloadsOwnOrder() throws IOException {
        // norandommap: some blocks are written twice, which a list of written blocks holds once
        Runner.Outcome o = run(
                "--rw=randwrite",
                "--bs=4k",
                "--size=64k",
                "--norandommap",
                "--randseed=7",
                "--verify=md5",
                "--experimental_verify=1");
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        List<Long> writes = offsets(IoOp.WRITE);
        assertEquals(16, writes.size());
        assertTrue(new HashSet<>(writes).size() < writes.size(), "the workload must overwrite some block");
        assertEquals(writes, offsets(IoOp.READ));
    }

    @Test
    void withoutExperimentalVerifyTheListHoldsEachWrittenBlockOnce() throws IOException {
        run("--rw=randwrite", "--bs=4k", "--size=64k", "--norandommap", "--randseed=7", "--verify=md5");
        List<Long> writes = offsets(IoOp.WRITE);
        assertEquals(new HashSet<>(writes).size(), offsets(IoOp.READ).size());
        assertNotEquals(writes.size(), offsets(IoOp.READ).size());
    }

    @Test
    void experimentalVerifyReplaysEachLoopAfterItsWrites() throws IOException {
        Runner.Outcome o = run(
                "--rw=randwrite", "--bs=4k", "--size=32k", "--loops=3", "--verify=crc32c", "--experimental_verify=1");
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        List<long[]> ios = new ArrayList<>(IOS);
        assertEquals(48, ios.size());
        for (int loop = 0; loop < 3; loop++) {
            for (int i = 0; i < 8; i++) {
                long[] w = ios.get(loop * 16 + i);
                long[] r = ios.get(loop * 16 + 8 + i);
                assertEquals(IoOp.WRITE.ordinal(), w[0]);
                assertEquals(IoOp.READ.ordinal(), r[0]);
                assertEquals(w[1], r[1], "loop " + loop + " read " + i);
            }
        }
    }

    @Test
    void experimentalVerifyFindsDamageInAReplayedBlock() throws IOException {
        damageAt = 4096 * 5 + 100;
        Runner.Outcome o = run("--rw=randwrite", "--bs=4k", "--size=64k", "--verify=md5", "--experimental_verify=1");
        assertEquals(1, o.exitCode());
    }

    @Test
    void verifyBacklogBatchReadsBackThatManyBlocksAtEachBacklogPoint() throws IOException {
        Runner.Outcome o = run(
                "--rw=write",
                "--bs=4k",
                "--size=64k",
                "--verify=crc32c",
                "--verify_backlog=4",
                "--verify_backlog_batch=2");
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        StringBuilder pattern = new StringBuilder();
        synchronized (IOS) {
            for (long[] io : IOS) {
                pattern.append("rwt".charAt((int) io[0]));
            }
        }
        // every 4 writes, the 2 oldest unverified blocks; what is left at the end is read back then
        assertEquals("wwwwrr" + "wwwwrr".repeat(3) + "r".repeat(8), pattern.toString());
        List<Long> reads = offsets(IoOp.READ);
        assertEquals(List.of(0L, 4096L, 8192L, 12288L), reads.subList(0, 4));
        assertEquals(16, new HashSet<>(reads).size());
    }

    @Test
    void verifyDumpWritesTheReceivedAndExpectedIntervalOfADataMismatch() throws IOException {
        damageAt = 8192 + 1000;
        Runner.Outcome o = run("--rw=write", "--bs=4k", "--size=16k", "--verify=md5", "--verify_dump=1");
        assertEquals(1, o.exitCode());
        byte[] received = Files.readAllBytes(dir.resolve("disk0.8192.received"));
        byte[] expected = Files.readAllBytes(dir.resolve("disk0.8192.expected"));
        assertEquals(4096, received.length);
        assertEquals(4096, expected.length);
        byte[] written = java.util.Arrays.copyOfRange(DATA, 8192, 8192 + 4096);
        assertArrayEquals(written, expected);
        written[1000] = (byte) ~written[1000];
        assertArrayEquals(written, received);
        assertFalse(Files.exists(dir.resolve("disk0.0.received")));
    }

    @Test
    void verifyDumpWritesADamagedHeaderAsHdrFail() throws IOException {
        damageAt = 4096 + 2; // the header's mode field
        Runner.Outcome o = run(
                "--rw=write", "--bs=4k", "--size=16k", "--verify=crc32c", "--verify_interval=1k", "--verify_dump=1");
        assertEquals(1, o.exitCode());
        assertEquals(1024, Files.size(dir.resolve("disk0.4096.hdr_fail")));
        assertFalse(Files.exists(dir.resolve("disk0.4096.expected")));
    }

    @Test
    void withoutVerifyDumpNothingIsWritten() throws IOException {
        damageAt = 8192 + 1000;
        run("--rw=write", "--bs=4k", "--size=16k", "--verify=md5");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("disk0.")));
        }
    }

    @Test
    void trimPercentageTrimsTheChosenShareAtEachTrimBacklogPointAndVerifiesThemAsZeroes() throws IOException {
        Runner.Outcome o = run(
                "--rw=write",
                "--bs=4k",
                "--size=256k",
                "--verify=crc32c",
                "--trim_percentage=50",
                "--trim_backlog=8",
                "--trim_backlog_batch=2");
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        List<Long> trims = offsets(IoOp.TRIM);
        // 64 writes, 8 trim points of at most 2 trims each; about half the blocks are chosen
        assertTrue(trims.size() > 4 && trims.size() <= 16, trims.toString());
        assertEquals(trims.size(), new HashSet<>(trims).size());
        StringBuilder pattern = new StringBuilder();
        synchronized (IOS) {
            for (long[] io : IOS) {
                pattern.append("rwt".charAt((int) io[0]));
            }
        }
        assertTrue(pattern.toString().startsWith("wwwwwwwwt"), pattern.toString());
        // every block is read back, trimmed ones included (as zeroes)
        assertEquals(64, offsets(IoOp.READ).size());
        for (long t : trims) {
            assertEquals(0, DATA[(int) t]);
        }
    }

    @Test
    void trimVerifyZeroFailsWhenATrimmedBlockDoesNotReadBackAsZeroes() throws IOException {
        trimLeavesData = true;
        Runner.Outcome o = run(
                "--rw=write", "--bs=4k", "--size=256k", "--verify=crc32c", "--trim_percentage=50", "--trim_backlog=8");
        assertEquals(1, o.exitCode());
    }

    @Test
    void withoutTrimVerifyZeroTrimmedBlocksAreNotReadBack() throws IOException {
        trimLeavesData = true;
        Runner.Outcome o = run(
                "--rw=write",
                "--bs=4k",
                "--size=256k",
                "--verify=crc32c",
                "--trim_percentage=50",
                "--trim_backlog=8",
                "--trim_verify_zero=0");
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        Set<Long> trimmed = new HashSet<>(offsets(IoOp.TRIM));
        assertFalse(trimmed.isEmpty());
        assertEquals(64 - trimmed.size(), offsets(IoOp.READ).size());
        for (long r : offsets(IoOp.READ)) {
            assertFalse(trimmed.contains(r));
        }
    }

    @Test
    void verifyStateLoadChecksOnlyTheWritesTheWriterCompleted() throws IOException {
        // the writer stops after 4 of its 16 blocks (as if it had been cut short) and saves its state
        assertEquals(
                0,
                run(
                                "--rw=write",
                                "--bs=4k",
                                "--size=64k",
                                "--number_ios=4",
                                "--verify=crc32c",
                                "--do_verify=0",
                                "--verify_state_save=1")
                        .exitCode());
        assertEquals(
                List.of("jfio-verify-state 1", "completed_writes 4"),
                Files.readAllLines(dir.resolve("local-v-0-verify.state")));
        IOS.clear();
        Runner.Outcome o =
                run("--rw=write", "--bs=4k", "--size=64k", "--verify=crc32c", "--verify_only", "--verify_state_load=1");
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        assertEquals(List.of(0L, 4096L, 8192L, 12288L), offsets(IoOp.READ));
        // without the state, the blocks never written fail
        assertEquals(
                1,
                run("--rw=write", "--bs=4k", "--size=64k", "--verify=crc32c", "--verify_only")
                        .exitCode());
    }

    @Test
    void verifyStateLoadWithoutAStateFileFailsTheJobNamingTheFile() throws IOException {
        Runner.Outcome o =
                run("--rw=write", "--bs=4k", "--size=64k", "--verify=crc32c", "--verify_only", "--verify_state_load=1");
        assertEquals(1, o.exitCode());
        String message = o.result().jobs().get(0).errorMessage();
        assertTrue(
                message.contains("verify_state_load: cannot load " + dir.resolve("local-v-0-verify.state")), message);
        assertTrue(offsets(IoOp.READ).isEmpty());
    }
}
