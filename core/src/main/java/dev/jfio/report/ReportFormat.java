package dev.jfio.report;

import java.util.EnumSet;
import java.util.Locale;

/** fio's output formats ({@code --output-format}). */
public enum ReportFormat {
    NORMAL("normal"),
    TERSE("terse"),
    JSON("json"),
    JSON_PLUS("json+");

    private final String optionName;

    ReportFormat(String optionName) {
        this.optionName = optionName;
    }

    /** The name as given to {@code --output-format}: "normal", "terse", "json", "json+". */
    public String optionName() {
        return optionName;
    }

    /**
     * Parses fio's comma-separated list, e.g. "normal,json" or "json+".
     *
     * @throws IllegalArgumentException with a one-line message naming the accepted values
     */
    public static EnumSet<ReportFormat> parse(String commaList) {
        if (commaList == null || commaList.isBlank()) {
            throw new IllegalArgumentException("empty output format: accepted values are " + accepted());
        }
        EnumSet<ReportFormat> set = EnumSet.noneOf(ReportFormat.class);
        for (String raw : commaList.split(",", -1)) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            ReportFormat found = null;
            for (ReportFormat f : values()) {
                if (f.optionName.equals(name)) {
                    found = f;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("invalid output format \"" + raw.trim() + "\": accepted values are "
                        + accepted() + " (comma-separated)");
            }
            set.add(found);
        }
        return set;
    }

    private static String accepted() {
        return "normal, terse, json, json+";
    }
}
