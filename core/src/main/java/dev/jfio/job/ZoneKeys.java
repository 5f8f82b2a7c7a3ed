package dev.jfio.job;

import static dev.jfio.job.SettingParsers.plain;
import static dev.jfio.job.SettingParsers.size;

import java.util.List;

/**
 * fio's zone options: {@code zonemode=strided} with {@code zonesize}, {@code zonerange} and
 * {@code zoneskip}, and the zoned-block-device options jfio refuses. Part of {@link CoreOptions};
 * immutable, safe from any thread.
 */
final class ZoneKeys {
    private static final OptionList KEYS = new OptionList();

    private static final String ZBD = "zoned block devices (zonemode=zbd: write pointers, zone resets and open-zone"
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

    static {
        for (String zbdOnly : new String[] {
            "zonecapacity",
            "read_beyond_wp",
            "max_open_zones",
            "job_max_open_zones",
            "zone_reset_threshold",
            "zone_reset_frequency",
            "ignore_zone_limits"
        }) {
            KEYS.add(
                    zbdOnly, OptionType.STRING, null, "zonemode=zbd option (refused: " + ZBD + ")", "Zone", (s, kb) -> {
                        throw Setting.error(s, s.name() + " applies to zonemode=zbd only, and " + ZBD);
                    });
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
