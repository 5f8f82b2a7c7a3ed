package dev.jfio.job;

import dev.jfio.spi.IoOp;
import java.util.Locale;

/** fio's {@code rw}/{@code readwrite} I/O patterns. */
public enum RwMode {
    READ("read", false, true, false, false),
    WRITE("write", false, false, true, false),
    TRIM("trim", false, false, false, true),
    RANDREAD("randread", true, true, false, false),
    RANDWRITE("randwrite", true, false, true, false),
    RANDTRIM("randtrim", true, false, false, true),
    RW("rw", false, true, true, false),
    RANDRW("randrw", true, true, true, false),
    TRIMWRITE("trimwrite", false, false, true, true),
    RANDTRIMWRITE("randtrimwrite", true, false, true, true),
    /** Reads, trims and maybe writes: only a replayed iolog (read_iolog) mixes these; rw= cannot name it. */
    REPLAYED_MIX("rw", false, true, true, true);

    private final String fioName;
    private final boolean random;
    private final boolean reads;
    private final boolean writes;
    private final boolean trims;

    RwMode(String fioName, boolean random, boolean reads, boolean writes, boolean trims) {
        this.fioName = fioName;
        this.random = random;
        this.reads = reads;
        this.writes = writes;
        this.trims = trims;
    }

    /** Whether offsets are random rather than sequential. */
    public boolean random() {
        return random;
    }

    public boolean reads() {
        return reads;
    }

    public boolean writes() {
        return writes;
    }

    public boolean trims() {
        return trims;
    }

    /** Whether the workload issues I/O in data direction {@code d} (never FLUSH: syncs are not a workload direction). */
    public boolean uses(IoOp d) {
        switch (d) {
            case READ:
                return reads;
            case WRITE:
                return writes;
            case TRIM:
                return trims;
            default:
                return false;
        }
    }

    /** fio's name: "read", "randrw", ... */
    public String fioName() {
        return fioName;
    }

    /**
     * Parses fio's values, including the alias {@code readwrite} for {@code rw}. A {@code :N}
     * modifier is accepted here and read by {@link #modifier}.
     *
     * @throws IllegalArgumentException with a one-line message for unknown values
     */
    public static RwMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        if (colon >= 0) {
            t = t.substring(0, colon).trim();
        }
        if (t.equals("readwrite")) {
            return RW;
        }
        for (RwMode m : values()) {
            if (m.fioName.equals(t) && m != REPLAYED_MIX) {
                return m;
            }
        }
        throw new IllegalArgumentException("invalid rw value '" + text.trim() + "' (accepted: read, write, trim, "
                + "randread, randwrite, randtrim, rw, readwrite, randrw, trimwrite, randtrimwrite, each with an"
                + " optional :N)");
    }

    /** The text after {@code rw}'s ':' ("8k" in {@code read:8k}), or null when there is none or it is empty. */
    static String modifier(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String m = text.substring(colon + 1).trim();
        return m.isEmpty() ? null : m;
    }

    @Override
    public String toString() {
        return fioName;
    }
}
