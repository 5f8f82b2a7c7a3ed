package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options of {@link VerifyKeys}: their values, defaults, fio's notices and the one-line errors. */
class VerifyKeysTest {
    @TempDir
    Path dir;

    private static JobSpec cmd(String... args) {
        return TestCatalogs.commandLineJob(args);
    }

    private String fileError(String... lines) throws IOException {
        return TestCatalogs.jobFileError(dir, lines);
    }

    @Test
    void defaultsAreFios() {
        JobSpec j = cmd("--rw=write", "--verify=md5");
        assertFalse(j.verify().dump());
        assertFalse(j.verify().experimental());
        assertEquals(0, j.verify().backlogBatch());
        assertFalse(j.errorDump());
        assertEquals(ExitWhat.GROUP, j.exitWhat());
    }

    @Test
    void valuesAreParsed() {
        JobSpec j = cmd(
                "--rw=write",
                "--verify=md5",
                "--verify_dump=1",
                "--experimental_verify=1",
                "--verify_backlog_batch=3",
                "--error_dump=1",
                "--exit_what=stonewall");
        assertTrue(j.verify().dump());
        assertTrue(j.verify().experimental());
        assertEquals(3, j.verify().backlogBatch());
        assertTrue(j.errorDump());
        assertEquals(ExitWhat.STONEWALL, j.exitWhat());
        assertEquals(ExitWhat.ALL, cmd("--exit_what=all").exitWhat());
    }

    @Test
    void verifysortAndVerifysortNrAreAcceptedWithFiosDeprecationNotice() {
        List<String> warnings = cmd("--verifysort=1", "--verifysort_nr=32").warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).endsWith("option verifysort is deprecated (no effect, as in fio 3.33)"),
                warnings.get(0));
        assertTrue(warnings.get(1).endsWith("option verifysort_nr is deprecated (no effect, as in fio 3.33)"));
    }

    @Test
    void badValuesAreOneLineAtFileAndLine() throws IOException {
        assertEquals(
                "jobs.fio:2: invalid exit_what 'some' (accepted: group, stonewall, all)",
                fileError("[x]", "exit_what=some"));
        assertEquals(
                "jobs.fio:2: verify_backlog_batch=-1: negative value '-1'",
                fileError("[x]", "verify_backlog_batch=-1"));
        assertEquals(
                "jobs.fio:4: experimental_verify keeps no list of written blocks for verify_backlog to read back:"
                        + " use one or the other",
                fileError("[x]", "rw=write", "verify=md5", "experimental_verify=1", "verify_backlog=8"));
    }

    @Test
    void trimOptionsAreParsedWithFiosDefaults() {
        VerifySettings.Trim t = cmd("--rw=write", "--verify=md5", "--trim_percentage=30", "--trim_backlog=16")
                .verify()
                .trim();
        assertEquals(30, t.percentage());
        assertTrue(t.verifyZero());
        assertEquals(16, t.backlog());
        assertEquals(16, t.batch());
        VerifySettings.Trim u = cmd(
                        "--rw=write",
                        "--verify=md5",
                        "--trim_percentage=30",
                        "--trim_backlog=16",
                        "--trim_backlog_batch=4",
                        "--trim_verify_zero=0")
                .verify()
                .trim();
        assertEquals(4, u.batch());
        assertFalse(u.verifyZero());
        assertEquals(0, cmd().verify().trim().percentage());
    }

    @Test
    void trimPercentageNeedsAWritingVerifyJobAndTrimBacklog() throws IOException {
        assertEquals("jobs.fio:2: trim_percentage must be 0..100, got 101", fileError("[x]", "trim_percentage=101"));
        assertEquals(
                "jobs.fio:3: trim_percentage trims a share of the blocks a job writes with verify=: it needs a"
                        + " writing job with verify set",
                fileError("[x]", "rw=write", "trim_percentage=10", "trim_backlog=8"));
        assertEquals(
                "jobs.fio:4: trim_percentage needs trim_backlog: fio 3.33 trims only at trim_backlog points (without"
                        + " it the chosen blocks are never trimmed)",
                fileError("[x]", "rw=write", "verify=md5", "trim_percentage=10"));
    }

    @Test
    void verifyStateLoadNeedsVerifyOnlyAndStateSaveAWritingVerifyJob() throws IOException {
        assertTrue(cmd("--rw=write", "--verify=md5", "--verify_only", "--verify_state_load=1")
                .verify()
                .stateLoad());
        assertTrue(cmd("--rw=write", "--verify=md5", "--verify_state_save=1")
                .verify()
                .stateSave());
        assertFalse(cmd("--rw=write", "--verify=md5").verify().stateSave());
        assertEquals(
                "jobs.fio:4: verify_state_load applies to a verify_only job: it checks the writes an earlier job"
                        + " completed (verify_state_save)",
                fileError("[x]", "rw=write", "verify=md5", "verify_state_load=1"));
        assertEquals(
                "jobs.fio:3: verify_state_save records the writes of a job that writes with verify= set",
                fileError("[x]", "rw=read", "verify_state_save=1"));
    }
}
