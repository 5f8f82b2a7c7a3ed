package dev.jfio.merge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Access to and writing of parsed JSON trees (maps, lists, strings, numbers, booleans): typed
 * look-ups that tolerate absent keys, and a writer with fio's layout (one member per line, two
 * spaces per level, {@code "name" : value}, doubles as C's {@code %f}, integers as integers).
 * Stateless; safe from any thread.
 */
final class Tree {
    private Tree() {}

    /** The object at {@code key}, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        return o instanceof Map ? (Map<String, Object>) o : null;
    }

    /** The array at {@code key}, or null. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        return o instanceof List ? (List<Object>) o : null;
    }

    /** The number at {@code key}, or 0. */
    static double num(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    /** The number at {@code key} as a long, or 0. */
    static long lng(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        if (o instanceof Long || o instanceof Integer) {
            return ((Number) o).longValue(); // exact beyond a double's 53 bits (epoch nanoseconds)
        }
        return o instanceof Number n ? Math.round(n.doubleValue()) : 0;
    }

    /** Whether {@code key} holds a number. */
    static boolean hasNum(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Number;
    }

    /** The string at {@code key}, or null. */
    static String str(Map<String, Object> m, String key) {
        Object o = m == null ? null : m.get(key);
        return o instanceof String s ? s : null;
    }

    /**
     * A parsed tree with its integral numbers as {@link Long}s (the reader gives doubles), so that
     * counts are written back as integers; fractions stay {@link Double}s. Copies; the input is
     * left as it was.
     */
    @SuppressWarnings("unchecked")
    static Object integral(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                copy.put((String) e.getKey(), integral(e.getValue()));
            }
            return copy;
        }
        if (o instanceof List<?> l) {
            List<Object> copy = new java.util.ArrayList<>(l.size());
            for (Object v : l) {
                copy.add(integral(v));
            }
            return copy;
        }
        if (o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
            return d.longValue();
        }
        return o;
    }

    /** Writes {@code root} as fio lays out its JSON, ending with a newline. */
    static String write(Map<String, Object> root) {
        StringBuilder sb = new StringBuilder();
        value(sb, root, 0);
        return sb.append('\n').toString();
    }

    private static void value(StringBuilder sb, Object v, int depth) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(",\n");
                }
                first = false;
                indent(sb, depth + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(" : ");
                value(sb, e.getValue(), depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append('}');
        } else if (v instanceof List<?> l) {
            boolean scalars = l.stream().allMatch(x -> x instanceof Number);
            if (l.isEmpty() || scalars) { // series columns stay on one line, as jfio's reports have them
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i > 0 ? ", " : "");
                    value(sb, l.get(i), depth);
                }
                sb.append(']');
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(",\n");
                }
                indent(sb, depth + 1);
                value(sb, l.get(i), depth + 1);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append(']');
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? "0.000000" : String.format(Locale.ROOT, "%.6f", d));
        } else if (v instanceof Float f) {
            value(sb, f.doubleValue(), depth);
        } else if (v == null) {
            sb.append("null");
        } else {
            sb.append(v); // Long, Integer, Boolean
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
