package dev.jfio.job;

import dev.jfio.spi.IoOp;
import java.util.List;

/**
 * A job's I/O log options: the log it writes ({@code write_iolog}) and the log it replays
 * ({@code read_iolog}, one per clone from its ':'-separated list) with the replay's shaping.
 * Immutable.
 *
 * @param writeIolog the file each clone appends its iolog (version 3) to, or null
 * @param readIologs {@code read_iolog} split at ':' ({@code \:} a literal colon); empty when not replaying
 * @param chunked    {@code read_iolog_chunked}: the log is read as the replay goes, not before it starts
 * @param noStall    {@code replay_no_stall}: the log's timestamps and waits do not pace the replay
 * @param redirect   {@code replay_redirect}: the one file every logged I/O goes to, or null
 * @param align      {@code replay_align}: offsets are aligned down to this power of 2 (0: not)
 * @param scale      {@code replay_scale}: offsets are divided by this (0 or 1: not)
 * @param timeScale  {@code replay_time_scale}: percent of the logged pace (200 replays twice as fast)
 * @param skipMask   {@code replay_skip}: bit {@code 1 << op.ordinal()} set for each skipped op (FLUSH for sync)
 */
public record Replay(
        String writeIolog,
        List<String> readIologs,
        boolean chunked,
        boolean noStall,
        String redirect,
        int align,
        int scale,
        int timeScale,
        int skipMask) {
    public Replay {
        readIologs = List.copyOf(readIologs);
    }

    static Replay parse(OptionValues o, List<String> warnings) {
        o.get(ReplayKeys.MERGE_BLKTRACE_FILE);
        o.get(ReplayKeys.MERGE_BLKTRACE_SCALARS);
        o.get(ReplayKeys.MERGE_BLKTRACE_ITERS);
        String read = o.get(ReplayKeys.READ_IOLOG);
        String write = o.get(ReplayKeys.WRITE_IOLOG);
        if (read != null && write != null) {
            Setting where = o.setting(ReplayKeys.WRITE_IOLOG);
            warnings.add(where.where() + ": read iolog overrides write_iolog (as fio: the job writes no iolog)");
            write = null;
        }
        return new Replay(
                write,
                read == null ? List.of() : Region.splitFilenames(read),
                o.get(ReplayKeys.READ_IOLOG_CHUNKED),
                o.get(ReplayKeys.REPLAY_NO_STALL),
                o.get(ReplayKeys.REPLAY_REDIRECT),
                o.get(ReplayKeys.REPLAY_ALIGN),
                o.get(ReplayKeys.REPLAY_SCALE),
                o.get(ReplayKeys.REPLAY_TIME_SCALE),
                o.get(ReplayKeys.REPLAY_SKIP));
    }

    /** Whether the job replays a log instead of generating its I/O. */
    public boolean replays() {
        return !readIologs.isEmpty();
    }

    /** The log clone {@code clone} replays: the list's entries in turn, as fio assigns them to numjobs' clones. */
    public String readIolog(int clone) {
        return readIologs.get(clone % readIologs.size());
    }

    /** Whether replay_skip drops the log's I/Os of {@code op}. */
    public boolean skips(IoOp op) {
        return (skipMask & (1 << op.ordinal())) != 0;
    }
}
