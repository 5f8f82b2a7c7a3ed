package dev.jfio.job;

import dev.jfio.spi.IoOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * fio's {@code random_distribution}: how random offsets are spread. Immutable.
 *
 * @param kind   the model
 * @param param  zipf theta, pareto power or normal deviation (percent); 0 for the others
 * @param center where the distribution's base sits in [0, 1] ({@code zipf:1.2:0.25}), or -1 for fio's
 *               default (random for zipf and pareto, the middle for normal)
 * @param zones  {@link Kind#ZONED} and {@link Kind#ZONED_ABS}: the zones of reads, writes and trims
 *               (an empty list: uniform for that direction); empty otherwise
 */
public record Distribution(Kind kind, double param, double center, List<List<Zone>> zones) {
    /** The uniform distribution, fio's default. */
    public static final Distribution UNIFORM = new Distribution(Kind.RANDOM, 0);

    /** The distribution models. */
    public enum Kind {
        RANDOM,
        ZIPF,
        PARETO,
        NORMAL,
        /** {@code zoned:A/S:...}: A percent of the accesses go to the next S percent of the region. */
        ZONED,
        /** {@code zoned_abs:A/SIZE:...}: A percent of the accesses go to the next SIZE bytes. */
        ZONED_ABS
    }

    /**
     * One zone of a zoned distribution.
     *
     * @param accessPercent the share of random I/Os that land in it
     * @param size          its size: a percentage of the region (zoned) or bytes (zoned_abs)
     */
    public record Zone(int accessPercent, long size) {}

    /** fio's default zipf theta when none is given. */
    public static final double DEFAULT_ZIPF = 1.1;
    /** fio's default pareto power when none is given. */
    public static final double DEFAULT_PARETO = 0.2;
    /** fio's ZONESPLIT_MAX. */
    private static final int MAX_ZONES = 256;

    public Distribution {
        validate(kind, param);
        if (center != -1 && !(center >= 0 && center <= 1)) {
            throw new IllegalArgumentException("distribution center out of range (0 <= center <= 1.0), got " + center);
        }
        zones = List.copyOf(zones);
    }

    /** A distribution without a centre or zones. */
    public Distribution(Kind kind, double param) {
        this(kind, param, -1, List.of());
    }

    /** Whether this is zoned or zoned_abs. */
    public boolean zoned() {
        return kind == Kind.ZONED || kind == Kind.ZONED_ABS;
    }

    /** The zones of direction {@code d} (empty: uniform). */
    public List<Zone> zones(IoOp d) {
        return zones.isEmpty() ? List.of() : zones.get(d.ordinal());
    }

    /**
     * Parses {@code random}, {@code zipf[:theta[:center]]}, {@code pareto[:h[:center]]},
     * {@code normal[:dev[:center]]} ({@code gauss} is an alias of normal), {@code zoned:A/S:...} and
     * {@code zoned_abs:A/SIZE:...}, the zoned ones per direction ({@code read,write,trim}) as fio does.
     */
    public static Distribution parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        String arg = colon < 0 ? null : t.substring(colon + 1);
        Kind kind;
        switch (name) {
            case "random":
                kind = Kind.RANDOM;
                break;
            case "zipf":
                kind = Kind.ZIPF;
                break;
            case "pareto":
                kind = Kind.PARETO;
                break;
            case "normal":
            case "gauss":
                kind = Kind.NORMAL;
                break;
            case "zoned":
            case "zoned_abs":
                return zoned(name.equals("zoned") ? Kind.ZONED : Kind.ZONED_ABS, arg == null ? "" : arg);
            default:
                throw new IllegalArgumentException(
                        "invalid random_distribution '" + text.trim()
                                + "' (accepted: random, zipf:theta, pareto:h, normal:dev, zoned:A/S:..., zoned_abs:A/SIZE:...)");
        }
        if (t.indexOf(',') >= 0) {
            throw new IllegalArgumentException("random_distribution '" + text.trim()
                    + "': values per direction (read,write,trim) are for zoned and zoned_abs only, as in fio");
        }
        if (kind == Kind.RANDOM) {
            if (arg != null) {
                throw new IllegalArgumentException("random_distribution=random takes no value");
            }
            return UNIFORM;
        }
        double value = kind == Kind.ZIPF ? DEFAULT_ZIPF : kind == Kind.PARETO ? DEFAULT_PARETO : 0.0;
        double center = -1;
        if (arg != null) {
            int c = arg.indexOf(':');
            if (c >= 0) {
                center = number(arg.substring(c + 1), "center");
                arg = arg.substring(0, c);
            }
            value = number(arg, "value");
        }
        return new Distribution(kind, value, center, List.of());
    }

    private static double number(String s, String what) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid random_distribution " + what + " '" + s + "'");
        }
    }

    /** fio's str_split_parse: read[,write[,trim]]; one set applies to all; a missing trim set is write's. */
    private static Distribution zoned(Kind kind, String arg) {
        String[] parts = arg.split(",", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException(
                    "random_distribution: at most 3 zone sets (read,write,trim), got " + parts.length);
        }
        List<List<Zone>> perDir = new ArrayList<>();
        if (parts.length == 1) {
            List<Zone> z = zoneSet(kind, parts[0]);
            perDir.add(z);
            perDir.add(z);
            perDir.add(z);
        } else {
            perDir.add(zoneSet(kind, parts[0]));
            perDir.add(zoneSet(kind, parts[1]));
            perDir.add(parts.length == 3 ? zoneSet(kind, parts[2]) : perDir.get(1));
        }
        if (perDir.stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("random_distribution="
                    + kind.name().toLowerCase(Locale.ROOT) + " needs zones, e.g. zoned:60/10:40/90");
        }
        return new Distribution(kind, 0, -1, perDir);
    }

    /** fio's split_parse_ddir and zone_split_ddir for one direction. */
    private static List<Zone> zoneSet(Kind kind, String set) {
        boolean abs = kind == Kind.ZONED_ABS;
        List<int[]> raw = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (String entry : set.trim().split(":", -1)) {
            if (entry.isEmpty()) {
                break;
            }
            int slash = entry.indexOf('/');
            String access = slash < 0 ? entry : entry.substring(0, slash);
            long size = -1;
            if (slash >= 0) {
                String s = entry.substring(slash + 1).trim();
                if (!abs && s.isEmpty()) {
                    s = "0"; // fio's atoi: no size takes a share of what the others leave, as 0 does
                }
                try {
                    size = abs ? SizeParsers.parseSize(s, 1024) : Math.min(100, Long.parseLong(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "random_distribution: bad zone size '" + s + "' in '" + entry + "'");
                }
                if (!abs && size <= 0) {
                    size = -1;
                }
            } else if (abs) {
                size = 0;
            }
            int a;
            try {
                a = Integer.parseInt(access.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "random_distribution: bad access percentage '" + access + "' in '" + entry + "'");
            }
            if (a < 0 || a > 100) {
                throw new IllegalArgumentException("random_distribution: access percentage " + a + " is not 0..100");
            }
            raw.add(new int[] {a});
            sizes.add(size);
            if (raw.size() == MAX_ZONES) {
                break;
            }
        }
        if (raw.isEmpty()) {
            return List.of();
        }
        int perc = 0;
        long sperc = 0;
        int sizeMissing = 0;
        for (int i = 0; i < raw.size(); i++) {
            perc += raw.get(i)[0];
            if (!abs) {
                if (sizes.get(i) < 0) {
                    sizeMissing++;
                } else {
                    sperc += sizes.get(i);
                }
            }
        }
        if (perc > 100 || sperc > 100) {
            throw new IllegalArgumentException("random_distribution: zone percentages add to more than 100%");
        }
        if (perc < 100) {
            throw new IllegalArgumentException(
                    "random_distribution: access percentages don't add up to 100 (got " + perc + ")");
        }
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            long size = sizes.get(i);
            if (!abs && size < 0) {
                size = sizeMissing == 1 && raw.size() == 1 ? 100 : (100 - sperc) / sizeMissing;
            }
            zones.add(new Zone(raw.get(i)[0], size));
        }
        return List.copyOf(zones);
    }

    private static void validate(Kind kind, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("random_distribution value must be a finite number");
        }
        switch (kind) {
            case ZIPF:
                if (v == 1.0 || v <= 0) {
                    throw new IllegalArgumentException("zipf theta must be > 0 and different than 1.0, got " + v);
                }
                break;
            case PARETO:
                if (v <= 0 || v >= 1.0) {
                    throw new IllegalArgumentException("pareto input out of range (0 < input < 1.0), got " + v);
                }
                break;
            case NORMAL:
                if (v < 0 || v >= 100.0) {
                    throw new IllegalArgumentException("normal deviation out of range (0 <= input < 100.0), got " + v);
                }
                break;
            default:
                break;
        }
    }

    /** fio's text: "random", "zipf:1.2", "zipf:1.2:0.25", "zoned:60/10:40/90". */
    @Override
    public String toString() {
        String n = kind.name().toLowerCase(Locale.ROOT);
        if (kind == Kind.RANDOM) {
            return n;
        }
        if (zoned()) {
            StringBuilder b = new StringBuilder(n).append(':');
            for (int d = 0; d < zones.size(); d++) {
                if (d > 0) {
                    b.append(',');
                }
                List<Zone> z = zones.get(d);
                for (int i = 0; i < z.size(); i++) {
                    b.append(i > 0 ? ":" : "")
                            .append(z.get(i).accessPercent())
                            .append('/')
                            .append(z.get(i).size());
                }
            }
            return b.toString();
        }
        return n + ":" + param + (center != -1 ? ":" + center : "");
    }
}
