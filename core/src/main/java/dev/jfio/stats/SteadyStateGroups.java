package dev.jfio.stats;

import java.util.List;

/**
 * fio's steadystate_setup for group_reporting: the last job of a group judges the group's summed
 * IOPS and bandwidth, and every job of the group ends when it attains steady state. Stateless.
 */
public final class SteadyStateGroups {
    private SteadyStateGroups() {}

    /** Links the statistics of one reporting group's jobs, in job order. Main thread, before any of them starts. */
    public static void link(List<JobStats> members) {
        if (members.size() < 2) {
            return;
        }
        SteadyStateDetector judge = members.get(members.size() - 1).steady;
        if (judge == null) {
            return;
        }
        judge.judge(members.toArray(new JobStats[0]));
        for (JobStats m : members) {
            if (m.steady != null && m.steady != judge) {
                m.steady.follow(judge);
            }
        }
    }
}
