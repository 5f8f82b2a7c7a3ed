package dev.jfio.run;

/** fio's num2str for block sizes in the job header: at most 4 digits, then KiB/MiB with one decimal if room. */
final class HeaderFormat {
    private static final String[] PREFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private HeaderFormat() {
    }

    static String bytes(long value) {
        long num = value;
        long modulo = -1;
        int post = 0;
        while (post < PREFIXES.length - 1 && Long.toString(num).length() > 4) {
            modulo = num % 1024;
            num /= 1024;
            post++;
        }
        String digits = Long.toString(num);
        int decimals = 4 - digits.length() - 1;
        if (modulo < 0 || decimals <= 0) {
            return digits + PREFIXES[post] + "B";
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long frac = modulo * scale / 1024;
        String fraction = Long.toString(frac);
        while (fraction.length() < decimals) {
            fraction = "0" + fraction;
        }
        return digits + "." + fraction + PREFIXES[post] + "B";
    }
}
