package dev.jfio.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of fio's built-in job profiles (tiobench, act). fio registers them with every job,
 * so a job file may set them, but they do nothing without {@code profile=}, which generates the
 * profile's jobs; jfio has no profiles, so they are accepted with a notice that says so (a job
 * runs exactly as it runs in fio). {@code threads=N}, tiobench's, is the one met in the wild: fio's
 * own example job files set it. Part of {@link CoreOptions}; immutable, safe from any thread.
 */
final class ProfileKeys {
    private static final OptionList KEYS = new OptionList();
    /** Each key's profile, in declaration order. */
    private static final Map<CoreOption<?>, String> PROFILE = new LinkedHashMap<>();

    static {
        profileOption("block", "tiobench", "Block size in bytes");
        profileOption("numruns", "tiobench", "Number of runs");
        profileOption("dir", "tiobench", "Test directory");
        profileOption("threads", "tiobench", "Number of Threads");
        profileOption("device-names", "act", "Devices to use");
        profileOption("load", "act", "ACT load multipler (default 1x)");
        profileOption("test-duration", "act", "How long the entire test takes to run");
        profileOption("threads-per-queue", "act", "Number of read IO threads per device");
        profileOption("read-req-num-512-blocks", "act", "Number of 512B blocks to read at the time");
        profileOption("large-block-op-kbytes", "act", "Size of large block ops in KiB (writes)");
        profileOption("prep", "act", "Set to run ACT prep phase");
    }

    private ProfileKeys() {}

    private static void profileOption(String name, String profile, String help) {
        CoreOption<String> key = KEYS.add(
                name,
                OptionType.STRING,
                null,
                help + " (fio's " + profile + " profile: no effect without profile=" + profile + ")",
                "Profile",
                SettingParsers.text());
        PROFILE.put(key, profile);
    }

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    /** The notices for the profile options a job sets, each naming its file:line. */
    static void notices(OptionValues o, List<String> warnings) {
        for (Map.Entry<CoreOption<?>, String> e : PROFILE.entrySet()) {
            Setting s = o.setting(e.getKey());
            if (s != null) {
                String profile = e.getValue();
                warnings.add(s.where() + ": option " + e.getKey().name() + " belongs to fio's " + profile
                        + " profile, which jfio does not have; without profile=" + profile
                        + " it does nothing, in fio as in jfio");
            }
        }
    }
}
