package dev.jfio.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a process's rank comes from: --rank/--ranks, else the first launcher whose variables are set. */
class RankInfoTest {
    @Test
    void withoutRankOrLauncherJfioRunsAlone() {
        RankInfo info = RankInfo.detect(null, null, Map.of("HOME", "/root"));
        assertSame(RankInfo.SOLO, info);
        assertFalse(info.placed());
    }

    @Test
    void readsEachLaunchersVariables() {
        assertEquals(
                new RankInfo(2, 4, "openmpi", "openmpi-prterun-x-1@1"),
                RankInfo.detect(
                        null,
                        null,
                        Map.of(
                                "OMPI_COMM_WORLD_RANK", "2",
                                "OMPI_COMM_WORLD_SIZE", "4",
                                "PMIX_NAMESPACE", "prterun-x-1@1")));
        assertEquals(
                new RankInfo(1, 3, "pmi", null), RankInfo.detect(null, null, Map.of("PMI_RANK", "1", "PMI_SIZE", "3")));
        assertEquals(
                new RankInfo(5, 8, "slurm", "slurm-77.0"),
                RankInfo.detect(
                        null,
                        null,
                        Map.of("SLURM_PROCID", "5", "SLURM_NTASKS", "8", "SLURM_JOB_ID", "77", "SLURM_STEP_ID", "0")));
        assertEquals(
                new RankInfo(3, 4, "kubernetes", null),
                RankInfo.detect(null, null, Map.of("JOB_COMPLETION_INDEX", "3", "JFIO_RANKS", "4")));
        assertEquals(
                new RankInfo(3, 6, "kubernetes", null),
                RankInfo.detect(null, "6", Map.of("JOB_COMPLETION_INDEX", "3")));
    }

    @Test
    void openMpiWinsOverSlurmWhenBothAreSet() {
        // mpirun inside a Slurm allocation: SLURM_PROCID is the batch step's, the MPI rank is the process's
        RankInfo info = RankInfo.detect(
                null,
                null,
                Map.of(
                        "SLURM_PROCID", "0",
                        "SLURM_NTASKS", "4",
                        "OMPI_COMM_WORLD_RANK", "3",
                        "OMPI_COMM_WORLD_SIZE", "4"));
        assertEquals(3, info.rank());
        assertEquals("openmpi", info.launcher());
    }

    @Test
    void commandLineOverridesTheEnvironment() {
        RankInfo info = RankInfo.detect("1", "2", Map.of("OMPI_COMM_WORLD_RANK", "3", "OMPI_COMM_WORLD_SIZE", "4"));
        assertEquals(new RankInfo(1, 2, "cli", null), info);
        assertTrue(info.placed());
    }

    @Test
    void refusesInconsistentInputInOneLine() {
        assertMessage("--rank=4 is outside 0..3 (--ranks=4)", "4", "4", Map.of());
        assertMessage("--rank=-1 is outside 0..3 (--ranks=4)", "-1", "4", Map.of());
        assertMessage("--ranks=0 must be at least 1", "0", "0", Map.of());
        assertMessage(
                "--rank=two is not a whole number (a rank is 0, 1, ...; ranks is 1 or more)", "two", "4", Map.of());
        assertMessage("--rank=1 needs --ranks=N, the number of processes of the run", "1", null, Map.of());
        assertMessage(
                "--ranks=4 needs --rank=N (or a launcher's rank: OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID,"
                        + " JOB_COMPLETION_INDEX)",
                null,
                "4",
                Map.of());
        assertMessage(
                "JOB_COMPLETION_INDEX=2 is set but the number of ranks is not: give --ranks=N or JFIO_RANKS=N"
                        + " (the Indexed Job's completions)",
                null,
                null,
                Map.of("JOB_COMPLETION_INDEX", "2"));
        assertMessage(
                "JOB_COMPLETION_INDEX=4 is outside 0..3 (JFIO_RANKS=4)",
                null,
                null,
                Map.of("JOB_COMPLETION_INDEX", "4", "JFIO_RANKS", "4"));
        assertMessage(
                "PMI_RANK is set but PMI_SIZE is not: give the number of processes with --ranks=N",
                null,
                null,
                Map.of("PMI_RANK", "0"));
        assertMessage(
                "SLURM_NTASKS=many is not a whole number (a rank is 0, 1, ...; ranks is 1 or more)",
                null,
                null,
                Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "many"));
    }

    private static void assertMessage(String expected, String rank, String ranks, Map<String, String> env) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RankInfo.detect(rank, ranks, env));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void startAtTakesIsoTimesAndEpochSecondsButNotTimesFromNow() {
        assertEquals(1_796_292_900_000_000_000L, StartAt.parse("2026-12-03T10:15:00Z"));
        assertEquals(1_796_292_900_000_000_000L, StartAt.parse("2026-12-03T11:15:00+01:00"));
        assertEquals(1_796_292_900_500_000_000L, StartAt.parse("@1796292900.5"));
        IllegalArgumentException fromNow = assertThrows(IllegalArgumentException.class, () -> StartAt.parse("+10"));
        assertTrue(fromNow.getMessage().startsWith("--start-at=+10: a time from now differs per rank"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> StartAt.parse("10:15"));
        assertEquals(
                "--start-at=10:15: not a time; give ISO-8601 with a zone (2026-12-03T10:15:00Z) or @EPOCH_SECONDS"
                        + " (@1796292900.5)",
                bad.getMessage());
    }
}
