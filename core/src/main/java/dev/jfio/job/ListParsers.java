package dev.jfio.job;

import dev.jfio.spi.IoOp;
import java.util.ArrayList;
import java.util.List;

/**
 * fio's list values: per-direction splits ({@code bs}, {@code rate}...), {@code bssplit} and
 * {@code percentile_list}.
 * Every method is static and pure; bad input throws {@link IllegalArgumentException} with a
 * one-line message that names the text.
 */
public final class ListParsers {
    /** fio's most entries in {@code percentile_list}. */
    public static final int MAX_PERCENTILES = 20;
    /** fio's most weights per direction in {@code bssplit}. */
    public static final int MAX_BSSPLIT = 64;

    private ListParsers() {}

    /**
     * fio's per-direction split of {@code bs}, {@code rate} and friends: up to three
     * comma-separated values for reads, writes and trims. An empty value means the default; a
     * value not followed by a comma applies to the directions after it too
     * ({@code 8k,32k} = 8k reads, 32k writes and trims; {@code 8k,32k,} = default trims).
     *
     * @return three entries indexed by {@link IoOp#ordinal()}, null where the default applies
     */
    public static String[] splitPerDirection(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("'" + text.trim() + "' has more than three values (read,write,trim)");
        }
        String[] out = new String[3];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            out[i] = p.isEmpty() ? null : p;
        }
        String last = out[parts.length - 1];
        for (int i = parts.length; i < 3; i++) {
            out[i] = last;
        }
        return out;
    }

    /**
     * One direction's {@code bssplit}: {@code size/percent:size/percent...}. Entries with an
     * empty percentage share what the others leave, evenly (the first ones get any remainder);
     * the percentages must add up to 100.
     */
    public static List<BsSplitEntry> parseBsSplit(String text, int kbBase) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty bssplit");
        }
        String[] items = t.split(":", -1);
        if (items.length > MAX_BSSPLIT) {
            throw new IllegalArgumentException("bssplit '" + t + "' has more than " + MAX_BSSPLIT + " entries");
        }
        int[] sizes = new int[items.length];
        int[] percents = new int[items.length];
        int given = 0;
        int blanks = 0;
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            int slash = item.indexOf('/');
            String sizeText = slash < 0 ? item : item.substring(0, slash);
            String percentText = slash < 0 ? "" : item.substring(slash + 1).trim();
            long size = SizeParsers.parseSize(sizeText, kbBase);
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bssplit block size '" + sizeText.trim() + "' is out of range");
            }
            sizes[i] = (int) size;
            if (percentText.isEmpty()) {
                percents[i] = -1;
                blanks++;
            } else {
                percents[i] = NumberParsers.parsePercentInt(percentText, "bssplit percentage");
                given += percents[i];
            }
        }
        if (given > 100) {
            throw new IllegalArgumentException(
                    "bssplit '" + t + "' percentages add up to " + given + ", more than 100");
        }
        if (blanks > 0) {
            int rest = 100 - given;
            int share = rest / blanks;
            int extra = rest % blanks;
            for (int i = 0; i < percents.length; i++) {
                if (percents[i] < 0) {
                    percents[i] = share + (extra-- > 0 ? 1 : 0);
                }
            }
        } else if (given != 100) {
            throw new IllegalArgumentException("bssplit '" + t + "' percentages add up to " + given + ", not 100");
        }
        List<BsSplitEntry> out = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            out.add(new BsSplitEntry(sizes[i], percents[i]));
        }
        return List.copyOf(out);
    }

    /** {@code 99:99.9:99.99}: at most {@value #MAX_PERCENTILES} numbers, each in (0, 100]. */
    public static double[] parsePercentileList(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty percentile_list");
        }
        String[] items = t.split(":", -1);
        if (items.length > MAX_PERCENTILES) {
            throw new IllegalArgumentException(
                    "percentile_list has " + items.length + " entries, at most " + MAX_PERCENTILES + " are allowed");
        }
        double[] out = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            double v;
            try {
                v = Double.parseDouble(item);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid percentile '" + item + "' in percentile_list");
            }
            if (!(v > 0 && v <= 100)) {
                throw new IllegalArgumentException("percentile " + item + " is out of range (0,100]");
            }
            out[i] = v;
        }
        return out;
    }
}
