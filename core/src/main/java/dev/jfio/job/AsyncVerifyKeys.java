package dev.jfio.job;

import static dev.jfio.job.SettingParsers.plain;

import java.util.List;

/**
 * fio's options of where read-back blocks are checked: {@code verify_async} (that many verifier
 * threads check them off the job thread) and {@code verify_async_cpus} (the CPUs those threads
 * run on). Part of {@link CoreOptions}; immutable, safe from any thread.
 */
final class AsyncVerifyKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<Integer> VERIFY_ASYNC = KEYS.add(
            "verify_async",
            OptionType.INT,
            0,
            "Number of async verifier threads to use",
            "Verify",
            SettingParsers.atLeast(0));
    static final CoreOption<CpuSet> VERIFY_ASYNC_CPUS = KEYS.add(
            "verify_async_cpus",
            OptionType.STRING,
            null,
            "Set CPUs allowed for async verify threads",
            "Verify",
            plain(text -> CpuSet.parseList(text, "verify_async_cpus")));

    private AsyncVerifyKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
