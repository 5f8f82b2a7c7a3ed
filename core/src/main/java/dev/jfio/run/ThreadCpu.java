package dev.jfio.run;

import dev.jfio.posix.ThreadUsage;
import dev.jfio.stats.CpuSample;
import dev.jfio.stats.CpuSampler;

/** CPU samples of job threads, from getrusage(RUSAGE_THREAD): the runner's side, so statistics call no native code. */
final class ThreadCpu {
    /** Samples the calling thread. */
    static final CpuSampler SAMPLER = ThreadCpu::current;

    private ThreadCpu() {}

    /** The calling thread's usage now. */
    static CpuSample current() {
        ThreadUsage u = ThreadUsage.current();
        return new CpuSample(u.userMicros(), u.systemMicros(), u.contextSwitches(), u.majorFaults(), u.minorFaults());
    }
}
