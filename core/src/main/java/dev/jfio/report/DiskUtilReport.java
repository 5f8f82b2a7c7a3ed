package dev.jfio.report;

import dev.jfio.stats.DiskUtilResult;
import java.util.List;

/**
 * fio's disk utilisation in each format (stat.c show_disk_util, print_disk_util,
 * json_array_add_disk_util): the normal report's "Disk stats (read/write):" section, the nine
 * fields (eighteen with slaves) per device at the end of each terse line from version 3 on, and
 * JSON's "disk_util" array. fio prints none of them when no device was tracked (null, nbd jobs).
 * Stateless; safe from any thread.
 */
final class DiskUtilReport {

    private DiskUtilReport() {}

    /** The normal report's section, after the group summaries; nothing without devices. */
    static void normal(List<DiskUtilResult> disks, StringBuilder out) {
        if (disks.isEmpty()) {
            return;
        }
        out.append("\nDisk stats (read/write):\n");
        for (DiskUtilResult d : disks) {
            DiskUtilResult.SlaveAggregate a = d.slaves();
            out.append(a != null ? "    " : "  ")
                    .append(d.name())
                    .append(": ios=")
                    .append(d.readIos())
                    .append('/')
                    .append(d.writeIos())
                    .append(", merge=")
                    .append(d.readMerges())
                    .append('/')
                    .append(d.writeMerges())
                    .append(", ticks=")
                    .append(d.readTicks())
                    .append('/')
                    .append(d.writeTicks())
                    .append(", in_queue=")
                    .append(d.inQueue())
                    .append(", util=")
                    .append(CFormat.fixed(d.util(), 3, 2))
                    .append('%');
            if (a != null) {
                out.append(", aggrios=")
                        .append(a.readIos())
                        .append('/')
                        .append(a.writeIos())
                        .append(", aggrmerge=")
                        .append(a.readMerges())
                        .append('/')
                        .append(a.writeMerges())
                        .append(", aggrticks=")
                        .append(a.readTicks())
                        .append('/')
                        .append(a.writeTicks())
                        .append(", aggrin_queue=")
                        .append(a.inQueue())
                        .append(", aggrutil=")
                        .append(CFormat.fixed(a.maxUtil(), 3, 2))
                        .append('%');
            }
            out.append('\n');
        }
    }

    /** The terse fields: ";name;rios;wios;rmerge;wmerge;rticks;wticks;in_queue;util%" per device. */
    static void terse(List<DiskUtilResult> disks, StringBuilder out) {
        for (DiskUtilResult d : disks) {
            fields(out, d.name(), d.readIos(), d.writeIos(), d.readMerges(), d.writeMerges(), d.readTicks());
            out.append(';')
                    .append(d.writeTicks())
                    .append(';')
                    .append(d.inQueue())
                    .append(';')
                    .append(CFormat.fixed(d.util(), 3, 2))
                    .append('%');
            DiskUtilResult.SlaveAggregate a = d.slaves();
            if (a != null) {
                fields(out, "slaves", a.readIos(), a.writeIos(), a.readMerges(), a.writeMerges(), a.readTicks());
                out.append(';')
                        .append(a.writeTicks())
                        .append(';')
                        .append(a.inQueue())
                        .append(';')
                        .append(CFormat.fixed(a.maxUtil(), 3, 2))
                        .append('%');
            }
        }
    }

    private static void fields(StringBuilder out, String name, long rios, long wios, long rm, long wm, long rt) {
        out.append(';')
                .append(name)
                .append(';')
                .append(rios)
                .append(';')
                .append(wios)
                .append(';')
                .append(rm)
                .append(';')
                .append(wm)
                .append(';')
                .append(rt);
    }

    /** JSON's top-level "disk_util" array, after "jobs"; absent without devices, as in fio. */
    static void json(List<DiskUtilResult> disks, JsonWriter w) {
        if (disks.isEmpty()) {
            return;
        }
        w.beginArray("disk_util");
        for (DiskUtilResult d : disks) {
            w.beginObject();
            w.value("name", d.name());
            w.value("read_ios", d.readIos());
            w.value("write_ios", d.writeIos());
            w.value("read_merges", d.readMerges());
            w.value("write_merges", d.writeMerges());
            w.value("read_ticks", d.readTicks());
            w.value("write_ticks", d.writeTicks());
            w.value("in_queue", d.inQueue());
            w.value("util", d.util());
            DiskUtilResult.SlaveAggregate a = d.slaves();
            if (a != null) {
                w.value("aggr_read_ios", a.readIos());
                w.value("aggr_write_ios", a.writeIos());
                w.value("aggr_read_merges", a.readMerges());
                w.value("aggr_write_merge", a.writeMerges()); // sic: fio's key
                w.value("aggr_read_ticks", a.readTicks());
                w.value("aggr_write_ticks", a.writeTicks());
                w.value("aggr_in_queue", a.inQueue());
                w.value("aggr_util", a.maxUtil());
            }
            w.endObject();
        }
        w.endArray();
    }
}
