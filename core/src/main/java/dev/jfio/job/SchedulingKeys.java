package dev.jfio.job;

import static dev.jfio.job.SettingParsers.plain;

import java.util.List;

/**
 * fio's options of where and how eagerly a job thread runs: CPU affinity ({@code cpus_allowed},
 * {@code cpumask}, {@code cpus_allowed_policy}), CPU niceness ({@code nice}) and I/O priority
 * ({@code prio}, {@code prioclass}), and the commands run before and after it ({@code exec_prerun},
 * {@code exec_postrun}). Part of {@link CoreOptions}; immutable, safe from any thread.
 */
final class SchedulingKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<CpuSet> CPUMASK =
            KEYS.add("cpumask", OptionType.INT, null, "CPU affinity mask", "Process", plain(CpuSet::parseMask));
    static final CoreOption<CpuSet> CPUS_ALLOWED =
            KEYS.add("cpus_allowed", OptionType.STRING, null, "Set CPUs allowed", "Process", plain(CpuSet::parseList));
    static final CoreOption<Boolean> CPUS_ALLOWED_SPLIT = KEYS.choice(
            "cpus_allowed_policy",
            false,
            "shared",
            "Distribution policy for cpus_allowed",
            "Process",
            List.of("shared", "split"),
            plain(SchedulingKeys::policy));
    static final CoreOption<Integer> NICE =
            KEYS.add("nice", OptionType.INT, 0, "Set job CPU nice value", "Process", SettingParsers.between(-20, 19));
    static final CoreOption<Integer> PRIO =
            KEYS.add("prio", OptionType.INT, 0, "Set job IO priority value", "Process", SettingParsers.between(0, 7));
    static final CoreOption<Integer> PRIOCLASS = KEYS.add(
            "prioclass", OptionType.INT, 0, "Set job IO priority class", "Process", SettingParsers.between(0, 3));

    static final CoreOption<String> EXEC_PRERUN = KEYS.add(
            "exec_prerun",
            OptionType.STRING,
            null,
            "Execute this file prior to running job",
            "Process",
            SettingParsers.text());
    static final CoreOption<String> EXEC_POSTRUN = KEYS.add(
            "exec_postrun",
            OptionType.STRING,
            null,
            "Execute this file after running job",
            "Process",
            SettingParsers.text());

    private SchedulingKeys() {}

    private static boolean policy(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "shared":
                return false;
            case "split":
                return true;
            default:
                throw new IllegalArgumentException(
                        "invalid cpus_allowed_policy value '" + text.trim() + "' (accepted: shared, split)");
        }
    }

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
