package dev.jfio.job;

import static dev.jfio.job.SettingParsers.plain;
import static dev.jfio.job.SettingParsers.size;

import java.util.List;

/**
 * fio's options about where offsets go beyond {@link IoTypeKeys}: {@code zonemode=strided} with
 * {@code zonesize}, {@code zonerange} and {@code zoneskip}, the zoned-block-device options jfio
 * refuses, {@code blocksize_unaligned}, {@code softrandommap} and fio's deprecated {@code percentage_sequential}. Part of
 * {@link CoreOptions}; immutable, safe from any thread.
 */
final class ZoneKeys {
    private static final OptionList KEYS = new OptionList();

    private static final String ZBD = "zoned block devices (write pointers, zone resets and open-zone"
            + " limits of host-managed ZBC/ZNS drives) are not among jfio's targets";

    /** True for strided; none is false; zbd is refused. */
    static final CoreOption<Boolean> ZONEMODE = KEYS.choice(
            "zonemode",
            false,
            "none",
            "Mode for the zonesize, zonerange and zoneskip parameters",
            "Zone",
            List.of("none", "strided", "zbd"),
            plain(ZoneKeys::zonemode));

    static final CoreOption<Long> ZONESIZE =
            KEYS.add("zonesize", OptionType.SIZE, 0L, "Amount of data to read per zone", "Zone", size());
    static final CoreOption<Long> ZONERANGE =
            KEYS.add("zonerange", OptionType.SIZE, 0L, "Give size of an IO zone", "Zone", size());
    static final CoreOption<Long> ZONESKIP =
            KEYS.add("zoneskip", OptionType.SIZE, 0L, "Space between IO zones", "Zone", size());

    static final CoreOption<Boolean> BS_UNALIGNED = KEYS.add(
            "blocksize_unaligned",
            List.of("bs_unaligned"),
            OptionType.BOOL,
            false,
            "Don't sector align IO buffer sizes",
            "Block size",
            SettingParsers.bool());
    static final CoreOption<Boolean> SOFTRANDOMMAP = KEYS.add(
            "softrandommap",
            OptionType.BOOL,
            false,
            "Set norandommap if randommap allocation fails",
            "I/O type",
            SettingParsers.bool());

    /**
     * Options whose parsers refuse every value: percentage_sequential and the zonemode=zbd ones.
     * Filled while this class initializes; read-only afterwards.
     */
    static final List<CoreOption<?>> REFUSED = new java.util.ArrayList<>();

    static {
        REFUSED.add(KEYS.add(
                "percentage_sequential",
                OptionType.INT,
                null,
                "Deprecated in fio 3.33 (use percentage_random)",
                "I/O type",
                (s, kb) -> {
                    throw Setting.error(
                            s,
                            "option percentage_sequential is deprecated, and fio 3.33 fails parsing it"
                                    + " (percentage_random=N is the share of random I/Os)");
                }));
        for (String zbdOnly : new String[] {
            "zonecapacity",
            "read_beyond_wp",
            "max_open_zones",
            "job_max_open_zones",
            "zone_reset_threshold",
            "zone_reset_frequency",
            "ignore_zone_limits"
        }) {
            REFUSED.add(KEYS.add(
                    zbdOnly, OptionType.STRING, null, "zonemode=zbd option (refused: " + ZBD + ")", "Zone", (s, kb) -> {
                        throw Setting.error(s, s.name() + " applies to zonemode=zbd only, and " + ZBD);
                    }));
        }
    }

    private ZoneKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    private static boolean zonemode(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "none":
                return false;
            case "strided":
                return true;
            case "zbd":
                throw new IllegalArgumentException("zonemode=zbd: " + ZBD);
            default:
                throw new IllegalArgumentException(
                        "invalid zonemode '" + text.trim() + "' (accepted: none, strided; zbd is refused)");
        }
    }
}
