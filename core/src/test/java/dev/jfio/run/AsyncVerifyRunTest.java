package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify_async through the real runner on {@link VerifyRunTest.Memory}: the blocks are checked on
 * the verifier threads, and what a check finds fails the job as the job thread's own check does.
 */
class AsyncVerifyRunTest {
    /** Blocks checked per verifier thread name, reported as each thread ends. */
    private final Map<String, Long> checks = new ConcurrentHashMap<>();
    /** Each verifier thread's CPU affinity as it ended. */
    private final Map<String, java.util.BitSet> affinity = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        VerifyRunTest.IOS.clear();
        VerifyRunTest.damageAt = -1;
        java.util.Arrays.fill(VerifyRunTest.DATA, (byte) 0);
        AsyncVerifier.checksPerThread = (name, n) -> {
            checks.merge(name, n, Long::sum);
            affinity.put(name, dev.jfio.posix.CpuAffinity.get());
        };
    }

    @AfterEach
    void unhook() {
        AsyncVerifier.checksPerThread = null;
    }

    private Runner.Outcome run(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--name=v", "--ioengine=memory", "--filename=disk0"));
        args.addAll(List.of(options));
        OneEngineRun run = new OneEngineRun(dir, VerifyRunTest.Memory.class);
        run.auxPath = dir;
        return run.run(args.toArray(new String[0]));
    }

    @Test
    void verifyAsyncChecksEveryReadBackBlockOnTheVerifierThreads() throws IOException {
        Runner.Outcome o =
                run("--rw=randwrite", "--bs=4k", "--size=256k", "--iodepth=4", "--verify=crc32c", "--verify_async=2");
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        assertEquals(2, checks.size(), checks::toString);
        for (String name : checks.keySet()) {
            assertTrue(name.startsWith("jfio-verify-v") && (name.endsWith("-0") || name.endsWith("-1")), name);
        }
        assertEquals(64L, checks.values().stream().mapToLong(Long::longValue).sum(), checks::toString);
    }

    @Test
    void withoutVerifyAsyncNoVerifierThreadChecks() throws IOException {
        Runner.Outcome o = run("--rw=randwrite", "--bs=4k", "--size=64k", "--verify=crc32c", "--verify_async=0");
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        assertTrue(checks.isEmpty(), checks::toString);
    }

    @Test
    void aDamagedBlockFailsTheJobWithTheSameMessageAsTheJobThreadsCheck() throws IOException {
        String[] job = {"--rw=write", "--bs=4k", "--size=64k", "--verify=md5"};
        VerifyRunTest.damageAt = 8192 * 3 + 1000;
        Runner.Outcome sync = run(job);
        String expected = sync.result().jobs().get(0).errorMessage();
        clear();
        VerifyRunTest.damageAt = 8192 * 3 + 1000;
        List<String> async = new ArrayList<>(List.of(job));
        async.add("--verify_async=3");
        Runner.Outcome o = run(async.toArray(new String[0]));
        assertEquals(1, sync.exitCode());
        assertEquals(1, o.exitCode());
        assertTrue(expected.contains("24576"), expected);
        assertEquals(expected, o.result().jobs().get(0).errorMessage());
        assertEquals(16L, checks.values().stream().mapToLong(Long::longValue).sum(), checks::toString);
    }

    @Test
    void verifyFatalWithVerifyAsyncFailsTheJobWithTheMismatch() throws IOException {
        VerifyRunTest.damageAt = 4096 + 100;
        Runner.Outcome o =
                run("--rw=write", "--bs=4k", "--size=64k", "--verify=crc32c", "--verify_fatal=1", "--verify_async=1");
        assertEquals(1, o.exitCode());
        String message = o.result().jobs().get(0).errorMessage();
        assertTrue(message.contains("4096") && !message.contains("more mismatches"), message);
    }

    @Test
    void verifyDumpWithVerifyAsyncWritesTheReceivedBlockFromTheVerifiersCopy() throws IOException {
        VerifyRunTest.damageAt = 8192 + 1000;
        Runner.Outcome o =
                run("--rw=write", "--bs=4k", "--size=16k", "--verify=md5", "--verify_dump=1", "--verify_async=2");
        assertEquals(1, o.exitCode());
        byte[] written = java.util.Arrays.copyOfRange(VerifyRunTest.DATA, 8192, 8192 + 4096);
        assertArrayEquals(written, Files.readAllBytes(dir.resolve("disk0.8192.expected")));
        written[1000] = (byte) ~written[1000];
        assertArrayEquals(written, Files.readAllBytes(dir.resolve("disk0.8192.received")));
        assertFalse(Files.exists(dir.resolve("disk0.0.received")));
    }

    @Test
    void verifyAsyncCpusPinsTheVerifierThreads() throws IOException {
        int cpu = Runtime.getRuntime().availableProcessors() - 1;
        Runner.Outcome o = run(
                "--rw=write",
                "--bs=4k",
                "--size=64k",
                "--verify=crc32c",
                "--verify_async=2",
                "--verify_async_cpus=" + cpu);
        assertEquals(0, o.exitCode(), () -> o.result().jobs().get(0).errorMessage());
        java.util.BitSet only = new java.util.BitSet();
        only.set(cpu);
        assertEquals(2, affinity.size(), affinity::toString);
        for (java.util.BitSet cpus : affinity.values()) {
            assertEquals(only, cpus);
        }
    }
}
