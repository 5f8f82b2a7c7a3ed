package dev.jfio.stats;

/**
 * fio's disk utilisation of one block device under the jobs' files (diskutil.c): what the
 * kernel's I/O counters of the device moved while the jobs ran, whoever issued the I/O.
 *
 * @param name the device's name in /sys/block ("vda", "dm-0")
 * @param readIos completed reads; {@code writeIos} completed writes
 * @param readMerges reads merged by the block layer; {@code writeMerges} the same for writes
 * @param readTicks milliseconds spent reading; {@code writeTicks} the same for writes
 * @param inQueue weighted milliseconds spent with I/O in flight (fio's in_queue)
 * @param util percentage of the elapsed time the device was busy (io_ticks over elapsed), at most 100
 * @param slaves the averages over the device's slaves (dm, md), or null when it has none
 */
public record DiskUtilResult(
        String name,
        long readIos,
        long writeIos,
        long readMerges,
        long writeMerges,
        long readTicks,
        long writeTicks,
        long inQueue,
        double util,
        SlaveAggregate slaves) {

    /**
     * fio's "aggr" figures: the slaves' counters averaged over the slaves, and the highest slave
     * utilisation ({@code maxUtil}, at most 100).
     */
    public record SlaveAggregate(
            long readIos,
            long writeIos,
            long readMerges,
            long writeMerges,
            long readTicks,
            long writeTicks,
            long inQueue,
            double maxUtil) {}
}
