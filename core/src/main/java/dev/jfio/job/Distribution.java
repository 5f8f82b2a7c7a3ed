package dev.jfio.job;

import java.util.Locale;

/**
 * fio's {@code random_distribution}: how random offsets are spread.
 *
 * @param kind  the model
 * @param param zipf theta, pareto power or normal deviation (percent); 0 for {@link Kind#RANDOM}
 */
public record Distribution(Kind kind, double param) {
    /** The uniform distribution, fio's default. */
    public static final Distribution UNIFORM = new Distribution(Kind.RANDOM, 0);

    /** The distribution models. */
    public enum Kind {
        RANDOM,
        ZIPF,
        PARETO,
        NORMAL
    }

    /** fio's default zipf theta when none is given. */
    public static final double DEFAULT_ZIPF = 1.1;
    /** fio's default pareto power when none is given. */
    public static final double DEFAULT_PARETO = 0.2;

    public Distribution {
        validate(kind, param);
    }

    /**
     * Parses {@code random}, {@code zipf[:theta]}, {@code pareto[:h]}, {@code normal[:dev]}
     * ({@code gauss} is an alias of normal).
     */
    public static Distribution parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.indexOf(',') >= 0) {
            throw new IllegalArgumentException("per-direction random_distribution is not supported yet");
        }
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
                throw new IllegalArgumentException("random_distribution=" + name + " is not supported yet");
            default:
                throw new IllegalArgumentException("invalid random_distribution '" + text.trim()
                        + "' (accepted: random, zipf:theta, pareto:h, normal:dev)");
        }
        if (kind == Kind.RANDOM) {
            if (arg != null) {
                throw new IllegalArgumentException("random_distribution=random takes no value");
            }
            return UNIFORM;
        }
        double value;
        if (arg == null) {
            value = kind == Kind.ZIPF ? DEFAULT_ZIPF : kind == Kind.PARETO ? DEFAULT_PARETO : 0.0;
        } else {
            if (arg.indexOf(':') >= 0) {
                throw new IllegalArgumentException(
                        "random_distribution center value ('" + text.trim() + "') is not supported yet");
            }
            try {
                value = Double.parseDouble(arg);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid random_distribution value '" + arg + "'");
            }
        }
        return new Distribution(kind, value);
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

    /** fio's text: "random", "zipf:1.2". */
    @Override
    public String toString() {
        return kind == Kind.RANDOM ? "random" : kind.name().toLowerCase(Locale.ROOT) + ":" + param;
    }
}
