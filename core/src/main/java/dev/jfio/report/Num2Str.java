package dev.jfio.report;

/**
 * fio's {@code num2str} (lib/num2str.c): a number shortened to at most {@code maxlen} digits
 * with a k/M/G (or Ki/Mi/Gi) prefix, "with carry rounding error" exactly as fio has it, so that
 * "IOPS=118k", "BW=461MiB/s (484MB/s)" and "io=923MiB (968MB)" come out as fio prints them.
 *
 * <p>Stateless; safe from any thread.
 */
final class Num2Str {

    /** fio's {@code enum n2s_unit}. */
    enum Unit {
        NONE(""),
        PERSEC("/s"),
        BYTE("B"),
        BIT("bit"),
        BYTEPERSEC("B/s"),
        BITPERSEC("bit/s");

        final String suffix;

        Unit(String suffix) {
            this.suffix = suffix;
        }
    }

    /** fio's default {@code sig_figs}. */
    static final int SIG_FIGS = 4;

    private static final String[] SI = {"", "k", "M", "G", "T", "P", "E"};
    private static final String[] IEC = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private Num2Str() {}

    /**
     * @param num the quantity, taken as unsigned
     * @param maxlen digits allowed, counting the '.'
     * @param base what one unit of {@code num} is worth (1, or 1024 when num is in KiB)
     * @param pow2 binary (Ki, Mi) rather than decimal (k, M) prefixes
     */
    static String format(long num, int maxlen, int base, boolean pow2, Unit unit) {
        String[] prefix = pow2 ? IEC : SI;
        long thousand = pow2 ? 1024 : 1000;
        int postIndex = 0;
        for (int b = base; b > 1; b /= (int) thousand) {
            postIndex++;
        }
        if (unit == Unit.BIT || unit == Unit.BITPERSEC) {
            num *= 8;
        }
        long modulo = -1;
        boolean carry = false;
        while (postIndex < SI.length) {
            if (Long.toUnsignedString(num).length() <= maxlen) {
                break;
            }
            modulo = Long.remainderUnsigned(num, thousand);
            num = Long.divideUnsigned(num, thousand);
            carry = modulo >= thousand / 2;
            postIndex++;
        }
        if (postIndex >= SI.length) {
            postIndex = 0;
        }
        if (modulo == -1) {
            return Long.toUnsignedString(num) + prefix[postIndex] + unit.suffix;
        }
        int room = maxlen - Long.toUnsignedString(num).length();
        if (room <= 1) {
            if (carry) {
                num++;
            }
            return Long.toUnsignedString(num) + prefix[postIndex] + unit.suffix;
        }
        String frac = CFormat.fixed((double) modulo / (double) thousand, room - 1);
        if (frac.charAt(0) == '1') {
            num++;
        }
        return Long.toUnsignedString(num) + "." + frac.substring(2) + prefix[postIndex] + unit.suffix;
    }
}
