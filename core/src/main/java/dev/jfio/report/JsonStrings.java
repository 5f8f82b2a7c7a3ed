package dev.jfio.report;

/** JSON string literals: the one escaper of the reports, the interval lines and the HTML page. Stateless. */
public final class JsonStrings {
    private JsonStrings() {}

    /** Appends {@code s} as a JSON string literal, quotes included. */
    public static void quote(StringBuilder out, String s) {
        append(out, s, false);
    }

    /**
     * As {@link #quote}, also escaping what would end or confuse an inline {@code <script>}
     * ({@code <}, {@code >}, {@code &}, U+2028, U+2029), for JSON embedded in an HTML page.
     */
    public static void quoteForScript(StringBuilder out, String s) {
        append(out, s, true);
    }

    private static void append(StringBuilder out, String s, boolean script) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean unsafe = script && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029');
                    if (c < 0x20 || unsafe) {
                        out.append("\\u")
                                .append(Character.forDigit(c >> 12, 16))
                                .append(Character.forDigit((c >> 8) & 15, 16))
                                .append(Character.forDigit((c >> 4) & 15, 16))
                                .append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
