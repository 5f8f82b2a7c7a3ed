package dev.jfio.job;

import java.util.BitSet;

/**
 * Where and how eagerly a job's threads run, and what runs before and after them. Immutable.
 *
 * @param cpus      {@code cpus_allowed} or {@code cpumask}, or null for any CPU
 * @param split     {@code cpus_allowed_policy=split}: each job thread takes one CPU of the set, in turn
 * @param nice      {@code nice}, -20..19
 * @param niceSet   whether the job sets {@code nice}
 * @param ioClass   {@code prioclass} (0 for none: best effort, as fio)
 * @param ioLevel   {@code prio}, 0 (highest) to 7
 * @param ioprioSet whether the job sets {@code prio} or {@code prioclass}
 * @param prerun    {@code exec_prerun}: a shell command run on the job's thread before its I/O, or null
 * @param postrun   {@code exec_postrun}: a shell command run after the job, or null
 */
public record Scheduling(
        CpuSet cpus,
        boolean split,
        int nice,
        boolean niceSet,
        int ioClass,
        int ioLevel,
        boolean ioprioSet,
        String prerun,
        String postrun) {

    static Scheduling parse(OptionValues o) {
        CpuSet cpus = o.isSet(SchedulingKeys.CPUS_ALLOWED)
                ? o.get(SchedulingKeys.CPUS_ALLOWED)
                : o.get(SchedulingKeys.CPUMASK);
        return new Scheduling(
                cpus,
                o.get(SchedulingKeys.CPUS_ALLOWED_SPLIT),
                o.get(SchedulingKeys.NICE),
                o.isSet(SchedulingKeys.NICE),
                o.get(SchedulingKeys.PRIOCLASS),
                o.get(SchedulingKeys.PRIO),
                o.isSet(SchedulingKeys.PRIO) || o.isSet(SchedulingKeys.PRIOCLASS),
                o.get(SchedulingKeys.EXEC_PRERUN),
                o.get(SchedulingKeys.EXEC_POSTRUN));
    }

    /**
     * The CPUs job thread number {@code thread} (0-based, counted over the whole run as fio's
     * thread_number) may use, or null for any: under {@code split}, the thread's turn among them.
     */
    public BitSet cpusOf(int thread) {
        if (cpus == null) {
            return null;
        }
        BitSet all = cpus.cpus();
        if (!split) {
            return all;
        }
        int pick = thread % all.cardinality();
        int cpu = all.nextSetBit(0);
        for (int i = 0; i < pick; i++) {
            cpu = all.nextSetBit(cpu + 1);
        }
        BitSet one = new BitSet();
        one.set(cpu);
        return one;
    }
}
