package dev.jfio.job;

import java.util.Locale;

/**
 * fio's {@code file_service_type}: which file serves the next I/O, switching every
 * {@code every} I/Os. Immutable.
 */
public record FileService(Kind kind, int every) {
    /** The order files are served in. */
    public enum Kind {
        ROUNDROBIN,
        SEQUENTIAL,
        RANDOM
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
                throw Setting.error(
                        s,
                        "file_service_type=" + service + " is not supported yet"
                                + " (supported: roundrobin, sequential, random, each with an optional :N)");
            default:
                throw Setting.error(
                        s,
                        "file_service_type=" + service + " is not valid"
                                + " (accepted: roundrobin, sequential, random, each with an optional :N)");
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
}
