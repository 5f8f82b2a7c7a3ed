package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.verify.VerifyMode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyOptionsTest {
    @TempDir
    Path dir;

    private static JobSpec cmd(String... args) {
        return TestCatalogs.commandLineJob(args);
    }

    private String fileError(String... lines) throws IOException {
        return TestCatalogs.jobFileError(dir, lines);
    }

    @Test
    void verifyIsOffByDefaultWithFiosDefaults() {
        JobSpec j = cmd();
        assertNull(j.verify().mode());
        assertNull(j.verify().pattern());
        assertTrue(j.verify().doVerify());
        assertFalse(j.verify().fatal());
        assertEquals(0, j.verify().backlog());
        assertEquals(0, j.verify().interval());
        assertEquals(0, j.verify().offset());
        assertFalse(j.verify().only());
        assertNull(cmd("--verify=0").verify().mode());
        assertNull(cmd("--verify=none").verify().mode());
    }

    @Test
    void everyVerifyOptionIsParsed() {
        JobSpec j = cmd(
                "--rw=randwrite",
                "--bs=16k",
                "--verify=crc32c-intel",
                "--verify_interval=4k",
                "--verify_offset=1k",
                "--verify_backlog=64",
                "--verify_fatal=1",
                "--do_verify=0");
        assertEquals(VerifyMode.CRC32C, j.verify().mode());
        assertEquals(4096, j.verify().interval());
        assertEquals(1024, j.verify().offset());
        assertEquals(64, j.verify().backlog());
        assertTrue(j.verify().fatal());
        assertFalse(j.verify().doVerify());
        JobSpec only = cmd("--rw=write", "--verify=sha256", "--verify_only");
        assertTrue(only.verify().only());
    }

    @Test
    void verifyPatternAloneMeansVerifyPattern() {
        JobSpec j = cmd("--rw=write", "--verify_pattern=0xaa55");
        assertEquals(VerifyMode.PATTERN, j.verify().mode());
        assertArrayEquals(new byte[] {(byte) 0xaa, 0x55}, j.verify().pattern());
        JobSpec md5 = cmd("--rw=write", "--verify=md5", "--verify_pattern=\"ab\"");
        assertEquals(VerifyMode.MD5, md5.verify().mode());
        assertArrayEquals(new byte[] {'a', 'b'}, md5.verify().pattern());
    }

    @Test
    void badVerifyValuesAreOneLineAtFileAndLine() throws IOException {
        assertEquals(
                "jobs.fio:2: invalid verify value 'crc33' (accepted: none, crc32c, crc32c-intel, md5, sha256,"
                        + " xxhash, meta, pattern, null)",
                fileError("[x]", "verify=crc33"));
        assertEquals(
                "jobs.fio:2: verify=crc64 is not supported by jfio yet (accepted: none, crc32c, crc32c-intel,"
                        + " md5, sha256, xxhash, meta, pattern, null)",
                fileError("[x]", "verify=crc64"));
        assertEquals("jobs.fio:3: verify=pattern needs verify_pattern", fileError("[x]", "rw=write", "verify=pattern"));
        assertEquals(
                "jobs.fio:3: verify_pattern '\"ab' has an unterminated string",
                fileError("[x]", "verify=md5", "verify_pattern=\"ab"));
        assertEquals("jobs.fio:2: verify_backlog=-1: negative value '-1'", fileError("[x]", "verify_backlog=-1"));
    }

    @Test
    void intervalBeyondTheBlockSizeIsTheBlockSizeAsInFio() {
        // fio's fixup_options: fio's t0004 writes 512-byte blocks with verify_interval=1M
        assertEquals(
                4096,
                cmd("--rw=write", "--verify=crc32c", "--verify_interval=8k")
                        .verify()
                        .interval());
        assertEquals(
                512,
                cmd("--rw=write", "--bs=512", "--verify=md5", "--verify_interval=1M")
                        .verify()
                        .interval());
    }

    @Test
    void intervalMustFitTheHeaderAndDivideTheBlockSizes() throws IOException {
        assertEquals(
                "jobs.fio:4: verify_interval 32 is smaller than the 44-byte verify header of verify=crc32c",
                fileError("[x]", "rw=write", "verify=crc32c", "verify_interval=32"));
        assertEquals(
                "jobs.fio:5: verify_interval=4k: block size 6144 is not a multiple of verify_interval 4096",
                fileError("[x]", "rw=write", "bssplit=4k/50:6k/50", "verify=md5", "verify_interval=4k"));
        assertEquals(
                "jobs.fio:4: verify=sha256: block size 64 is smaller than the 72-byte verify header of"
                        + " verify=sha256",
                fileError("[x]", "rw=write", "bs=64", "verify=sha256"));
    }

    @Test
    void verifyOffsetMustKeepTheHeaderInsideTheInterval() throws IOException {
        assertEquals(
                "jobs.fio:4: verify_offset 4090 puts the 44-byte verify header beyond the 4096-byte block",
                fileError("[x]", "rw=write", "verify=crc32c", "verify_offset=4090"));
        assertEquals(
                "jobs.fio:5: verify_offset 1000 puts the 56-byte verify header beyond the 1024-byte"
                        + " verify_interval",
                fileError("[x]", "rw=write", "verify=md5", "verify_interval=1k", "verify_offset=1000"));
        assertEquals(
                "jobs.fio:4: verify_offset 8 is smaller than the 44-byte verify header of verify=crc32c",
                fileError("[x]", "rw=write", "verify=crc32c", "verify_offset=8"));
    }

    @Test
    void verifyOnlyNeedsAModeAndNoTimeBased() throws IOException {
        assertEquals(
                "jobs.fio:3: verify_only needs verify to say how blocks were written",
                fileError("[x]", "rw=write", "verify_only=1"));
        assertEquals(
                "jobs.fio:4: verify_only does not support time_based",
                fileError("[x]", "rw=write", "verify=md5", "verify_only", "time_based", "runtime=1"));
    }

    @Test
    void verifyOptionsAreImplementedInTheCatalog() {
        for (String o : new String[] {
            "verify",
            "verify_pattern",
            "do_verify",
            "verify_fatal",
            "verify_backlog",
            "verify_interval",
            "verify_offset",
            "verify_only"
        }) {
            assertNull(CoreOptions.find(o).refusal(), o);
        }
        assertTrue(JobSpec.helpFor("verify").contains("crc32c-intel"));
    }
}
