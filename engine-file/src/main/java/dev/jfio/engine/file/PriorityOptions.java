package dev.jfio.engine.file;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.JobView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * fio's per-command priority options ({@code cmdprio_percentage}, {@code cmdprio_class},
 * {@code cmdprio}, {@code cmdprio_bssplit}, fio 3.33 engines/cmdprio.c), which both {@code libaio}
 * and {@code io_uring} take: the chosen share of reads and writes (per block size with
 * cmdprio_bssplit) carries an I/O priority ({@code class << 13 | level}).
 *
 * <p>Thread contract: {@link #of} anywhere; an instance belongs to one job thread ({@link #choose}
 * draws from its own random state and allocates nothing).
 */
public final class PriorityOptions {
    public static final EngineOption<String> CMDPRIO_PERCENTAGE = EngineOption.string(
            "cmdprio_percentage", null, "Send high priority I/O this percentage of the time (int[,int], 0-100)");
    public static final EngineOption<String> CMDPRIO_CLASS =
            EngineOption.string("cmdprio_class", null, "Set asynchronous IO priority class (int[,int], 1-3)");
    public static final EngineOption<String> CMDPRIO =
            EngineOption.string("cmdprio", null, "Set asynchronous IO priority level (int[,int], 0-7)");
    public static final EngineOption<String> CMDPRIO_BSSPLIT = EngineOption.string(
            "cmdprio_bssplit", null, "Set priority percentages for different block sizes (bs/perc[/class/level]:...)");

    /** The four, in fio's order. */
    public static final List<EngineOption<?>> ALL =
            List.of(CMDPRIO_PERCENTAGE, CMDPRIO_CLASS, CMDPRIO, CMDPRIO_BSSPLIT);

    private static final int CLASS_SHIFT = 13;
    private static final int CLASS_RT = 1;
    /** Block size that matches any (cmdprio_percentage). */
    private static final long ANY = -1;

    /** Per direction (read, write): block sizes, and per block size cumulative percentages and priorities. */
    private final long[][] sizes;

    private final int[][][] cumulative;
    private final int[][][] prios;
    private final SplittableRandom random;

    private PriorityOptions(long[][] sizes, int[][][] cumulative, int[][][] prios, long seed) {
        this.sizes = sizes;
        this.cumulative = cumulative;
        this.prios = prios;
        this.random = new SplittableRandom(seed);
    }

    /**
     * The job's command priorities, or null when neither cmdprio_percentage nor cmdprio_bssplit is
     * set; fails with one line naming the option on a bad value.
     */
    public static PriorityOptions of(JobView job, String engine) throws IOException {
        String prefix = "ioengine=" + engine + ": ";
        int[] perc = pair(job.get(CMDPRIO_PERCENTAGE), "cmdprio_percentage", 0, 100, 0, prefix);
        int[] cls = pair(job.get(CMDPRIO_CLASS), "cmdprio_class", 1, 3, CLASS_RT, prefix);
        int[] lvl = pair(job.get(CMDPRIO), "cmdprio", 0, 7, 0, prefix);
        String split = job.get(CMDPRIO_BSSPLIT);
        boolean hasPerc = perc[0] > 0 || perc[1] > 0;
        if (hasPerc && split != null) {
            throw new IOException(prefix + "cmdprio_percentage and cmdprio_bssplit options are mutually exclusive");
        }
        long[][] sizes = new long[2][];
        int[][][] cum = new int[2][][];
        int[][][] prios = new int[2][][];
        if (split != null) {
            String[] dirs = split.trim().split(",", -1);
            for (int d = 0; d < 2; d++) {
                String s = dirs.length > d ? dirs[d].trim() : dirs[0].trim();
                bssplit(s, d, cls[d] << CLASS_SHIFT | lvl[d], sizes, cum, prios, prefix);
            }
        } else if (hasPerc) {
            for (int d = 0; d < 2; d++) {
                sizes[d] = new long[] {ANY};
                cum[d] = new int[][] {{perc[d]}};
                prios[d] = new int[][] {{cls[d] << CLASS_SHIFT | lvl[d]}};
            }
        } else {
            return null;
        }
        return new PriorityOptions(sizes, cum, prios, 0x5eedL * 31 + job.cloneIndex());
    }

    /**
     * The priority for the next I/O of {@code op} and {@code length} bytes, or -1 to keep the
     * default (fio's fio_cmdprio_set_ioprio). Allocation-free.
     */
    public int choose(IoOp op, int length) {
        int d = op == IoOp.READ ? 0 : op == IoOp.WRITE ? 1 : -1;
        if (d < 0) {
            return -1;
        }
        long[] bs = sizes[d];
        for (int i = 0; i < bs.length; i++) {
            if (bs[i] == ANY || bs[i] == length) {
                int[] c = cumulative[d][i];
                int total = c[c.length - 1];
                if (total == 0) {
                    return -1;
                }
                int r = random.nextInt(100);
                for (int k = 0; k < c.length; k++) {
                    if (r < c[k]) {
                        return prios[d][i][k];
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    private static int[] pair(String value, String name, int min, int max, int unset, String prefix)
            throws IOException {
        if (value == null || value.isBlank()) {
            return new int[] {unset, unset};
        }
        String[] parts = value.split(",", -1);
        int[] out = new int[2];
        for (int d = 0; d < 2; d++) {
            String p = (parts.length > d ? parts[d] : parts[0]).trim();
            out[d] = p.isEmpty() ? unset : bounded(p, name, min, max, prefix);
        }
        return out;
    }

    private static int bounded(String text, String name, int min, int max, String prefix) throws IOException {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(prefix + "bad value '" + text + "' for " + name + ": expected an integer from " + min
                + " to " + max + " (one, or one for reads and one for writes separated by a comma)");
    }

    private static void bssplit(
            String s, int d, int implicit, long[][] sizes, int[][][] cum, int[][][] prios, String prefix)
            throws IOException {
        List<long[]> entries = new ArrayList<>(); // {bs, perc, prio}
        for (String entry : s.split(":")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] f = entry.trim().split("/");
            if (f.length != 2 && f.length != 4) {
                throw new IOException(prefix + "bad cmdprio_bssplit entry '" + entry
                        + "': expected blocksize/percentage or blocksize/percentage/class/level");
            }
            long bs = blockSize(f[0], entry, prefix);
            int perc = bounded(f[1], "cmdprio_bssplit percentage", 0, 100, prefix);
            int prio = f.length == 4
                    ? bounded(f[2], "cmdprio_bssplit class", 1, 3, prefix) << CLASS_SHIFT
                            | bounded(f[3], "cmdprio_bssplit level", 0, 7, prefix)
                    : implicit;
            if (perc > 0) {
                entries.add(new long[] {bs, perc, prio});
            }
        }
        List<Long> order = new ArrayList<>();
        for (long[] e : entries) {
            if (!order.contains(e[0])) {
                order.add(e[0]);
            }
        }
        sizes[d] = new long[order.size()];
        cum[d] = new int[order.size()][];
        prios[d] = new int[order.size()][];
        for (int i = 0; i < order.size(); i++) {
            long bs = order.get(i);
            List<long[]> mine = entries.stream().filter(e -> e[0] == bs).toList();
            sizes[d][i] = bs;
            cum[d][i] = new int[mine.size()];
            prios[d][i] = new int[mine.size()];
            int total = 0;
            for (int k = 0; k < mine.size(); k++) {
                total += (int) mine.get(k)[1];
                if (total > 100) {
                    throw new IOException(prefix + "cmdprio_bssplit total percentage for bs: " + bs + " exceeds 100");
                }
                cum[d][i][k] = total;
                prios[d][i][k] = (int) mine.get(k)[2];
            }
        }
    }

    private static long blockSize(String text, String entry, String prefix) throws IOException {
        String t = text.trim().toLowerCase();
        long mult = 1;
        if (t.endsWith("ib") || t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
            t = t.substring(0, t.length() - (t.endsWith("ib") ? 2 : 1));
        }
        if (!t.isEmpty()) {
            char c = t.charAt(t.length() - 1);
            int shift = c == 'k' ? 10 : c == 'm' ? 20 : c == 'g' ? 30 : 0;
            if (shift > 0) {
                mult = 1L << shift;
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            long v = Long.parseLong(t) * mult;
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(prefix + "bad block size '" + text + "' in cmdprio_bssplit entry '" + entry + "'");
    }
}
