package dev.jfio.job;

import java.util.List;
import java.util.Locale;

/**
 * jfio's {@code rank_split}: how the ranks of a run launched on several hosts (mpirun, srun, an
 * Indexed Job, {@code --rank}/{@code --ranks}) divide a job's region. Part of {@link CoreOptions};
 * immutable, safe from any thread.
 */
final class RankKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<Boolean> RANK_SPLIT = KEYS.choice(
            "rank_split",
            false,
            "disjoint",
            "jfio: how ranks divide the job's region: disjoint (rank r takes the r-th of ranks equal parts,"
                    + " aligned to the largest block size) or shared (every rank uses all of it)",
            "I/O size",
            List.of("disjoint", "shared"),
            SettingParsers.plain(RankKeys::shared));

    private RankKeys() {}

    private static Boolean shared(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "disjoint":
                return false;
            case "shared":
                return true;
            default:
                throw new IllegalArgumentException("rank_split=" + text + ": accepted values are disjoint and shared");
        }
    }

    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
