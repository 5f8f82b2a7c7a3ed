package dev.jfio.job;

import java.util.List;

/**
 * fio's core options for things jfio does not have at all (GPUs, fio's built-in job profiles),
 * declared so that a job setting one is refused with the reason rather than as unknown. Part of
 * {@link CoreOptions}; immutable, safe from any thread.
 */
final class RefusedKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<String> GPU_DEV_ID = refused(
            "gpu_dev_id",
            "Set GPU device ID for GPUDirect RDMA",
            "it selects the GPU that fio's mem=cudamalloc and libcufile engine use; jfio has no GPU"
                    + " memory and no libcufile engine");
    static final CoreOption<String> PROFILE = refused(
            "profile",
            "Select a specific builtin performance test",
            "fio's built-in profiles (tiobench, act) generate their jobs inside fio; jfio has none: write"
                    + " the jobs out in a job file");

    private RefusedKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    /** Fails the job at the file:line of the first of these options it sets. */
    static void check(OptionValues o) {
        for (CoreOption<?> key : KEYS.declared()) {
            o.get(key);
        }
    }

    private static CoreOption<String> refused(String name, String help, String reason) {
        return KEYS.add(
                name, OptionType.STRING, null, help + " (refused by jfio: " + reason + ")", "Refused", (s, kb) -> {
                    throw Setting.error(s, reason);
                });
    }
}
