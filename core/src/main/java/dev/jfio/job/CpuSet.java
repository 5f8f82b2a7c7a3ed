package dev.jfio.job;

import java.util.BitSet;

/**
 * A set of CPUs as fio's {@code cpus_allowed} ("0-3,6") or {@code cpumask} (a number whose bits
 * are CPUs) write it, each CPU below the number of CPUs this machine has. Immutable.
 */
public final class CpuSet {
    private final BitSet cpus;

    private CpuSet(BitSet cpus) {
        this.cpus = cpus;
    }

    /** The CPUs (a copy). */
    public BitSet cpus() {
        return (BitSet) cpus.clone();
    }

    /** {@code cpus_allowed}: CPU numbers and ranges separated by commas. */
    static CpuSet parseList(String text) {
        return parseList(text, "cpus_allowed");
    }

    /** A CPU list as {@link #parseList(String)} reads it, for the option {@code option}. */
    static CpuSet parseList(String text, String option) {
        BitSet set = new BitSet();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int from = cpu(dash < 0 ? p : p.substring(0, dash), text, option);
            int to = dash < 0 ? from : cpu(p.substring(dash + 1), text, option);
            if (to < from) {
                throw new IllegalArgumentException(option + "=" + text.trim() + ": range " + p + " runs backwards");
            }
            set.set(from, to + 1);
        }
        return checked(set, option + "=" + text.trim());
    }

    /** {@code cpumask}: decimal, or hexadecimal with 0x. */
    static CpuSet parseMask(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long mask;
        try {
            mask = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cpumask=" + text.trim() + ": not a number (decimal, or hex with 0x)");
        }
        return checked(BitSet.valueOf(new long[] {mask}), "cpumask=" + text.trim());
    }

    private static int cpu(String s, String text, String option) {
        try {
            int cpu = Integer.parseInt(s.trim());
            if (cpu < 0) {
                throw new NumberFormatException();
            }
            return cpu;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + "=" + text.trim() + ": '" + s.trim() + "' is not a CPU number (e.g. 0-3,6)");
        }
    }

    private static CpuSet checked(BitSet set, String what) {
        int max = Runtime.getRuntime().availableProcessors();
        if (set.isEmpty()) {
            throw new IllegalArgumentException(what + ": no CPU given");
        }
        if (set.length() > max) {
            throw new IllegalArgumentException(
                    what + ": CPU " + (set.length() - 1) + " too large (this machine has CPUs 0-" + (max - 1) + ")");
        }
        return new CpuSet(set);
    }

    @Override
    public String toString() {
        return cpus.toString();
    }
}
