package dev.jfio.stats;

/** Samples the resource usage of the thread that calls it; the runner supplies it. */
@FunctionalInterface
public interface CpuSampler {
    /** The calling thread's usage now. Called on the job thread whose usage is wanted. */
    CpuSample sample();
}
