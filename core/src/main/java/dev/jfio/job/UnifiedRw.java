package dev.jfio.job;

import java.util.Locale;

/** fio's {@code unified_rw_reporting}: how the report shows reads, writes and trims. */
public enum UnifiedRw {
    /** Each direction on its own (fio's "none", 0). */
    NONE,
    /** Every direction summed into one "mixed" section (fio's "mixed", 1). */
    MIXED,
    /** Each direction, then their sum as a "mixed" section (fio's "both", 2). */
    BOTH;

    /** fio's spellings: none/mixed/both and the former booleans 0/1/2. */
    static UnifiedRw parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none":
            case "0":
                return NONE;
            case "mixed":
            case "1":
                return MIXED;
            case "both":
            case "2":
                return BOTH;
            default:
                throw new IllegalArgumentException("invalid unified_rw_reporting value '" + text.trim()
                        + "' (accepted: none, mixed, both, 0, 1, 2)");
        }
    }
}
