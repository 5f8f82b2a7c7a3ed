package dev.jfio.job;

import java.util.Locale;

/**
 * fio's {@code file_service_type}: which file serves the next I/O, switching every
 * {@code every} I/Os; for the skewed kinds (zipf, pareto, normal/gauss) {@code param} is the
 * distribution's θ, h or deviation and {@code center} where its peak goes (negative: fio's
 * default), and every I/O picks a file anew. Immutable.
 */
public record FileService(Kind kind, int every, double param, double center) {
    /** The order files are served in. */
    public enum Kind {
        ROUNDROBIN,
        SEQUENTIAL,
        RANDOM,
        ZIPF,
        PARETO,
        NORMAL
    }

    /** A service of a kind that takes no distribution parameter. */
    public FileService(Kind kind, int every) {
        this(kind, every, 0, -1);
    }

    /** Whether files are picked from a skewed distribution (zipf, pareto, normal). */
    public boolean skewed() {
        return kind == Kind.ZIPF || kind == Kind.PARETO || kind == Kind.NORMAL;
    }

    /** fio's default: round robin, one I/O per file. */
    public static final FileService DEFAULT = new FileService(Kind.ROUNDROBIN, 1);

    static FileService parse(Setting s, int kbBase) {
        if (s == null) {
            return DEFAULT;
        }
        String service = s.value();
        String t = service.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String k = colon < 0 ? t : t.substring(0, colon);
        Kind kind;
        switch (k) {
            case "roundrobin":
                kind = Kind.ROUNDROBIN;
                break;
            case "sequential":
                kind = Kind.SEQUENTIAL;
                break;
            case "random":
                kind = Kind.RANDOM;
                break;
            case "zipf":
            case "pareto":
            case "normal":
            case "gauss":
                return skewed(s, k, colon < 0 ? null : t.substring(colon + 1));
            default:
                throw Setting.error(
                        s,
                        "file_service_type=" + service + " is not valid"
                                + " (accepted: roundrobin, sequential, random, each with an optional :N;"
                                + " zipf, pareto, normal, gauss, each with an optional :value[:center])");
        }
        int every = 1;
        if (colon >= 0) {
            try {
                every = NumberParsers.parseInt(t.substring(colon + 1), kbBase);
            } catch (IllegalArgumentException e) {
                throw Setting.error(s, e.getMessage());
            }
            if (every < 1) {
                throw Setting.error(
                        s, "file_service_type=" + service + ": the number of I/Os per file must be at least 1");
            }
        }
        return new FileService(kind, every);
    }

    /** fio's str_fst_cb for the skewed kinds: {@code :value[:center]}, fio's defaults and ranges. */
    private static FileService skewed(Setting s, String kindName, String postfix) {
        Kind kind = kindName.equals("zipf") ? Kind.ZIPF : kindName.equals("pareto") ? Kind.PARETO : Kind.NORMAL;
        double param = kind == Kind.ZIPF ? 1.1 : kind == Kind.PARETO ? 0.2 : 0.0;
        double center = -1;
        if (postfix != null) {
            int c = postfix.indexOf(':');
            try {
                param = Double.parseDouble(c < 0 ? postfix : postfix.substring(0, c));
                if (c >= 0) {
                    center = Double.parseDouble(postfix.substring(c + 1));
                }
            } catch (NumberFormatException e) {
                throw Setting.error(s, "file_service_type=" + s.value() + ": '" + postfix + "' is not value[:center]");
            }
        }
        if (centerOutOfRange(center)) {
            throw Setting.error(s, "file_service_type=" + s.value() + ": the center must be between 0.0 and 1.0");
        }
        String bad = null;
        if (kind == Kind.ZIPF && (!(param > 0) || param == 1.0)) {
            bad = "zipf theta must be positive and different from 1.0";
        } else if (kind == Kind.PARETO && !(param > 0 && param < 1)) {
            bad = "pareto input must be between 0 and 1 (exclusive)";
        } else if (kind == Kind.NORMAL && !(param >= 0 && param < 100)) {
            bad = "normal deviation must be between 0 and 100 (0 <= input < 100)";
        }
        if (bad != null) {
            throw Setting.error(s, "file_service_type=" + s.value() + ": " + bad);
        }
        return new FileService(kind, 1, param, center);
    }

    private static boolean centerOutOfRange(double center) {
        return center != -1 && !(center >= 0 && center <= 1);
    }
}
