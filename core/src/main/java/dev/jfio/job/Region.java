package dev.jfio.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a job does I/O and how much: its files and directory, the region of each and the amount
 * of I/O. A size given as a percentage leaves the byte value unset. Immutable.
 *
 * @param size                   {@code size} in bytes, or -1 when unset or given as a percentage
 * @param sizePercent            the N of {@code size=N%}, or 0
 * @param ioSize                 {@code io_size} in bytes, or -1 when unset or given as a percentage
 * @param ioSizePercent          the N of {@code io_size=N%} (a percentage of size), or 0
 * @param offset                 {@code offset} in bytes (0 when unset or a percentage)
 * @param offsetPercent          the N of {@code offset=N%}, or 0
 * @param offsetIncrement        {@code offset_increment} in bytes (0 when unset or a percentage)
 * @param offsetIncrementPercent the N of {@code offset_increment=N%}, or 0
 * @param filenames              {@code filename} split at ':' ({@code \:} is a literal colon); empty when unset
 * @param directory              {@code directory}, or null
 * @param files                  {@code nrfiles}, {@code openfiles}, {@code filesize}, file service and handling
 * @param rankShared             {@code rank_split=shared}: every rank of a multi-rank run uses the whole region
 */
public record Region(
        long size,
        double sizePercent,
        long ioSize,
        double ioSizePercent,
        long offset,
        double offsetPercent,
        long offsetIncrement,
        double offsetIncrementPercent,
        List<String> filenames,
        String directory,
        FileOptions files,
        boolean rankShared) {
    public Region {
        filenames = List.copyOf(filenames);
    }

    static Region parse(OptionValues o) {
        SizeOrPercent size = o.get(IoTypeKeys.SIZE);
        SizeOrPercent ioSize = o.get(IoTypeKeys.IO_SIZE);
        SizeOrPercent offset = o.get(IoTypeKeys.OFFSET);
        SizeOrPercent increment = o.get(IoTypeKeys.OFFSET_INCREMENT);
        String filename = o.get(TargetKeys.FILENAME);
        return new Region(
                size == null ? -1 : size.bytes(),
                size == null ? 0 : size.percent(),
                ioSize == null ? -1 : ioSize.bytes(),
                ioSize == null ? 0 : ioSize.percent(),
                Math.max(0, offset.bytes()),
                offset.percent(),
                Math.max(0, increment.bytes()),
                increment.percent(),
                filename == null ? List.of() : splitFilenames(filename),
                o.get(TargetKeys.DIRECTORY),
                FileOptions.parse(o),
                o.get(RankKeys.RANK_SPLIT));
    }

    /** {@code filename}'s list: split at ':', {@code \:} a literal colon, empty names dropped. */
    public static List<String> splitFilenames(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                cur.append(':');
                i++;
            } else if (c == ':') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
