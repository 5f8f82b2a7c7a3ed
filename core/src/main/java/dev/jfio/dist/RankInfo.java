package dev.jfio.dist;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * This process's rank and the world size, as a launcher (Open MPI, PMI, Slurm, a Kubernetes
 * Indexed Job) or {@code --rank}/{@code --ranks} give them. Without any, jfio runs alone:
 * {@link #SOLO}, rank 0 of 1, and nothing about ranks appears in the output. Immutable.
 *
 * @param rank     this process's rank, 0 to {@code ranks - 1}
 * @param ranks    the number of processes of the run
 * @param launcher "openmpi", "pmi", "slurm", "kubernetes" or "cli"; null when jfio runs alone
 * @param runId    the launcher's id of this run (Open MPI's PMIx namespace, Slurm's job and step), or
 *                 null; the default barrier id
 */
public record RankInfo(int rank, int ranks, String launcher, String runId) {
    /** Alone, as jfio runs without a launcher. */
    public static final RankInfo SOLO = new RankInfo(0, 1, null, null);

    /** The variables of each launcher: rank, size, name; the first whose rank is set wins. */
    private static final String[][] LAUNCHERS = {
        {"OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "openmpi"},
        {"PMI_RANK", "PMI_SIZE", "pmi"},
        {"SLURM_PROCID", "SLURM_NTASKS", "slurm"},
    };

    /** Whether a launcher or {@code --rank}/{@code --ranks} placed this process (the output says so). */
    public boolean placed() {
        return launcher != null;
    }

    /**
     * Reads the rank from the command line, else from the environment.
     *
     * @param cliRank  {@code --rank}'s text, or null
     * @param cliRanks {@code --ranks}'s text, or null
     * @param env      the environment
     * @throws IllegalArgumentException with a one-line message when the input is inconsistent
     */
    public static RankInfo detect(String cliRank, String cliRanks, Map<String, String> env) {
        Integer ranksGiven = cliRanks == null ? null : number("--ranks", cliRanks);
        if (cliRank != null) {
            if (ranksGiven == null) {
                throw new IllegalArgumentException(
                        "--rank=" + cliRank + " needs --ranks=N, the number of processes of the run");
            }
            return checked(number("--rank", cliRank), ranksGiven, "cli", "--rank", "--ranks", null);
        }
        for (String[] l : LAUNCHERS) {
            String rank = env.get(l[0]);
            if (rank == null || rank.isBlank()) {
                continue;
            }
            int r = number(l[0], rank);
            int size;
            String sizeName = l[1];
            if (ranksGiven != null) {
                size = ranksGiven;
                sizeName = "--ranks";
            } else {
                String s = env.get(l[1]);
                if (s == null || s.isBlank()) {
                    throw new IllegalArgumentException(
                            l[0] + " is set but " + l[1] + " is not: give the number of processes with --ranks=N");
                }
                size = number(l[1], s);
            }
            return checked(r, size, l[2], l[0], sizeName, runId(l[2], env));
        }
        String index = env.get("JOB_COMPLETION_INDEX");
        if (index != null && !index.isBlank()) {
            int r = number("JOB_COMPLETION_INDEX", index);
            String sizeName = "--ranks";
            Integer size = ranksGiven;
            if (size == null) {
                String s = env.get("JFIO_RANKS");
                if (s == null || s.isBlank()) {
                    throw new IllegalArgumentException("JOB_COMPLETION_INDEX=" + index
                            + " is set but the number of ranks is not: give --ranks=N or JFIO_RANKS=N"
                            + " (the Indexed Job's completions)");
                }
                size = number("JFIO_RANKS", s);
                sizeName = "JFIO_RANKS";
            }
            return checked(r, size, "kubernetes", "JOB_COMPLETION_INDEX", sizeName, null);
        }
        if (ranksGiven != null) {
            throw new IllegalArgumentException("--ranks=" + cliRanks
                    + " needs --rank=N (or a launcher's rank: OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID,"
                    + " JOB_COMPLETION_INDEX)");
        }
        return SOLO;
    }

    private static RankInfo checked(
            int rank, int ranks, String launcher, String rankName, String ranksName, String id) {
        if (ranks < 1) {
            throw new IllegalArgumentException(ranksName + "=" + ranks + " must be at least 1");
        }
        if (rank < 0 || rank >= ranks) {
            throw new IllegalArgumentException(
                    rankName + "=" + rank + " is outside 0.." + (ranks - 1) + " (" + ranksName + "=" + ranks + ")");
        }
        return new RankInfo(rank, ranks, launcher, id);
    }

    private static String runId(String launcher, Map<String, String> env) {
        if (launcher.equals("slurm") && env.get("SLURM_JOB_ID") != null) {
            String step = env.get("SLURM_STEP_ID");
            return "slurm-" + env.get("SLURM_JOB_ID") + (step == null ? "" : "." + step);
        }
        if (launcher.equals("openmpi")) {
            String ns = env.get("PMIX_NAMESPACE");
            if (ns == null) {
                ns = env.get("OMPI_MCA_ess_base_jobid");
            }
            return ns == null ? null : "openmpi-" + ns;
        }
        return null;
    }

    private static int number(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + "=" + text + " is not a whole number (a rank is 0, 1, ...; ranks is 1 or more)");
        }
    }

    /** This host's name: the kernel's, else the JDK's. */
    public static String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
