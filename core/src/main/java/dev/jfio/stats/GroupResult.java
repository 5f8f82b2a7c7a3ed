package dev.jfio.stats;

/**
 * fio's "Run status group N (all jobs)" figures for one direction.
 *
 * @param ioBytes bytes moved by every job of the group
 * @param aggBwBytes aggregate bandwidth: ioBytes over the longest runtime, bytes per second
 * @param minBwBytes the slowest job's bandwidth, bytes per second
 * @param maxBwBytes the fastest job's bandwidth, bytes per second
 * @param minRuntimeMillis the shortest job runtime
 * @param maxRuntimeMillis the longest job runtime
 */
public record GroupResult(int groupId, DirectionGroup[] dirs) {

    public record DirectionGroup(
            long ioBytes,
            long aggBwBytes,
            long minBwBytes,
            long maxBwBytes,
            long minRuntimeMillis,
            long maxRuntimeMillis) {}
}
