package dev.jfio.job;

import java.util.Locale;

/**
 * fio's {@code sync_file_range=str[,str]...[:int]}: issue sync_file_range(2) with the flags
 * every {@code every} writes. Immutable.
 *
 * @param every the number of writes between two syncs; 0 for never (fio's {@code :0} too)
 * @param flags Linux's SYNC_FILE_RANGE_* bits: WAIT_BEFORE 1, WRITE 2, WAIT_AFTER 4
 */
public record SyncFileRange(int every, int flags) {
    /** Not set. */
    public static final SyncFileRange NONE = new SyncFileRange(0, 0);

    static SyncFileRange parse(String text) {
        String value = text.trim();
        int colon = value.indexOf(':');
        int every = 1; // fio: without ":int", every write
        if (colon >= 0) {
            String n = value.substring(colon + 1).trim();
            try {
                every = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                every = -1;
            }
            if (every < 0) { // 0, as in fio: never
                throw new IllegalArgumentException("sync_file_range=" + value
                        + ": the number of writes after ':' must be an integer of 0 or more");
            }
            value = value.substring(0, colon);
        }
        int flags = 0;
        for (String part : value.split(",", -1)) {
            flags |= switch (part.trim().toLowerCase(Locale.ROOT)) {
                case "wait_before" -> 1;
                case "write" -> 2;
                case "wait_after" -> 4;
                default ->
                    throw new IllegalArgumentException("sync_file_range=" + text.trim() + ": unknown flag '"
                            + part.trim() + "' (accepted: wait_before, write, wait_after, joined by ',', then :N)");
            };
        }
        return new SyncFileRange(every, flags);
    }
}
