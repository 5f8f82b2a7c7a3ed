package dev.jfio.job;

/**
 * fio's {@code zonemode=strided}: I/O stays in a zone of {@code range} bytes until {@code size}
 * bytes have been transferred, then moves {@code range + skip} bytes on, wrapping to the job's start
 * at the end of the file. Immutable.
 *
 * @param size  {@code zonesize}: bytes transferred per zone; 0 when zones are off
 * @param range {@code zonerange}: the zone's extent (default: zonesize)
 * @param skip  {@code zoneskip}: bytes skipped after each zone
 */
public record Zoning(long size, long range, long skip) {
    /** No zones (zonemode=none). */
    public static final Zoning NONE = new Zoning(0, 0, 0);

    /** Whether zonemode=strided applies. */
    public boolean strided() {
        return size > 0;
    }

    static Zoning parse(OptionValues o) {
        boolean strided = o.get(ZoneKeys.ZONEMODE);
        long size = o.get(ZoneKeys.ZONESIZE);
        long range = o.get(ZoneKeys.ZONERANGE);
        long skip = o.get(ZoneKeys.ZONESKIP);
        for (CoreOption<?> refused : ZoneKeys.REFUSED) {
            o.get(refused); // their parsers refuse any value
        }
        if (!strided) {
            if (size != 0) {
                throw Setting.error(
                        o.setting(ZoneKeys.ZONESIZE),
                        "zonemode=none and zonesize are not compatible (set zonemode=strided, as fio requires)");
            }
            return NONE;
        }
        if (size == 0) {
            throw Setting.error(o.setting(ZoneKeys.ZONEMODE), "zonesize must be specified when using zonemode=strided");
        }
        String filename = o.get(TargetKeys.FILENAME);
        int files = Math.max(
                o.get(TargetKeys.NRFILES),
                filename == null ? 1 : Region.splitFilenames(filename).size());
        if (Math.min(files, o.get(TargetKeys.OPENFILES)) > 1) {
            return NONE; // as fio: strided zones work with one open file only
        }
        return new Zoning(size, range == 0 ? size : range, skip);
    }
}
