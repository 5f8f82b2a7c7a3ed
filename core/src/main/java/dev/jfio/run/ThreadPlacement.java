package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.job.Scheduling;
import dev.jfio.posix.CpuAffinity;
import dev.jfio.posix.ThreadScheduling;
import dev.jfio.spi.Errno;
import java.util.BitSet;

/**
 * Puts a job thread where its job says, as fio's thread_main does before the engine's init: CPU
 * affinity ({@code cpus_allowed}, {@code cpumask}, split among the run's threads under
 * {@code cpus_allowed_policy=split}), I/O priority ({@code prioclass}, {@code prio}; no class
 * means best effort, as fio) and niceness ({@code nice}, added to the thread's current value as
 * fio's nice(3) call does). Job thread only: each setting applies to the calling thread.
 */
final class ThreadPlacement {
    private ThreadPlacement() {}

    /**
     * @param thread the job thread's number in the run, from 0 (fio's thread_number - 1)
     * @throws JobFailedException naming the option and the errno when the kernel refuses
     */
    static void apply(JobSpec spec, int thread) throws JobFailedException {
        Scheduling s = spec.scheduling();
        BitSet cpus = s.cpusOf(thread);
        if (cpus != null) {
            int e = CpuAffinity.set(cpus);
            if (e != 0) {
                throw new JobFailedException(
                        e, "cpus_allowed: sched_setaffinity to CPUs " + cpus + " failed: " + Errno.nameAndText(e));
            }
        }
        if (s.ioprioSet()) {
            int ioClass = s.ioClass() == 0 ? ThreadScheduling.CLASS_BEST_EFFORT : s.ioClass();
            int e = ThreadScheduling.setIoPriority(ioClass, s.ioLevel());
            if (e != 0) {
                throw new JobFailedException(
                        e,
                        "prioclass=" + ioClass + ",prio=" + s.ioLevel() + ": ioprio_set failed: " + Errno.nameAndText(e)
                                + (ioClass == ThreadScheduling.CLASS_REALTIME
                                        ? " (the realtime class needs CAP_SYS_ADMIN)"
                                        : ""));
            }
        }
        if (s.niceSet() && s.nice() != 0) {
            int current = ThreadScheduling.nice();
            int target = Math.max(-20, Math.min(19, (current == Integer.MIN_VALUE ? 0 : current) + s.nice()));
            int e = ThreadScheduling.setNice(target);
            if (e != 0) {
                throw new JobFailedException(
                        e,
                        "nice=" + s.nice() + ": setpriority failed: " + Errno.nameAndText(e)
                                + (target < current ? " (lowering nice needs CAP_SYS_NICE)" : ""));
            }
        }
    }
}
