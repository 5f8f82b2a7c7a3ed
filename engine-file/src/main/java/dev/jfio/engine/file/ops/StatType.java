package dev.jfio.engine.file.ops;

import dev.jfio.spi.EngineOption;

/** fio's {@code stat_type} of {@code filestat} and {@code dirstat}: which call looks a target up. */
enum StatType {
    STAT,
    LSTAT,
    STATX;

    static final EngineOption<String> OPTION = EngineOption.choice(
            "stat_type",
            "stat",
            "how to look each target up: stat (follows a final symbolic link), lstat (does not), or statx"
                    + " (realpath, then statx with STATX_ALL, as fio)",
            "stat",
            "lstat",
            "statx");

    static StatType of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
