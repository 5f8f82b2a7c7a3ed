package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify_async and verify_async_cpus ({@link AsyncVerifyKeys}): values, defaults and errors. */
class AsyncVerifyKeysTest {
    @TempDir
    Path dir;

    @Test
    void verifyAsyncIsOffByDefaultAndAtZero() {
        assertFalse(TestCatalogs.commandLineJob("--rw=write", "--verify=md5")
                .verify()
                .async()
                .enabled());
        AsyncVerify zero = TestCatalogs.commandLineJob("--rw=write", "--verify=md5", "--verify_async=0")
                .verify()
                .async();
        assertFalse(zero.enabled());
        assertNull(zero.cpuSet());
    }

    @Test
    void verifyAsyncAndItsCpuListAreParsed() {
        AsyncVerify a = TestCatalogs.commandLineJob(
                        "--rw=write", "--verify=md5", "--verify_async=2", "--verify_async_cpus=0")
                .verify()
                .async();
        assertTrue(a.enabled());
        assertEquals(2, a.threads());
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        assertEquals(cpu0, a.cpuSet());
        assertNull(CoreOptions.find("verify_async").refusal());
        assertNull(CoreOptions.find("verify_async_cpus").refusal());
    }

    @Test
    void aNegativeCountOrABadCpuListIsAOneLineError() throws IOException {
        assertEquals(
                "jobs.fio:2: verify_async=-1: negative value '-1'",
                TestCatalogs.jobFileError(dir, "[x]", "verify_async=-1"));
        String cpus = TestCatalogs.jobFileError(dir, "[x]", "verify_async_cpus=a-b");
        assertTrue(cpus.startsWith("jobs.fio:2: verify_async_cpus=a-b: 'a' is not a CPU number"), cpus);
    }
}
