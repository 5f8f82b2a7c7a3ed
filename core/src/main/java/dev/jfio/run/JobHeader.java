package dev.jfio.run;

import dev.jfio.stats.BlockSizeRange;

/**
 * What fio's header line before the run says about one job (the CLI formats it).
 *
 * @param rw fio's name of the job's rw mode ("randrw")
 * @param iodepth the depth the job runs with (capped at 1 for a synchronous engine)
 * @param cloned whether the job runs as several clones (numjobs above 1; fio prints "...")
 */
public record JobHeader(
        String jobName,
        int groupId,
        String rw,
        BlockSizeRange blockSizes,
        String ioengine,
        int iodepth,
        boolean cloned) {}
