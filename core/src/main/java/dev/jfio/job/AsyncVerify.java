package dev.jfio.job;

import java.util.BitSet;

/**
 * {@code verify_async} and {@code verify_async_cpus}: how many verifier threads check the blocks a
 * job reads back, and the CPUs they may run on. Immutable.
 *
 * @param threads the verifier threads; 0 when the job thread checks its reads itself
 * @param cpus    the verifier threads' CPUs, or null for any CPU
 */
public record AsyncVerify(int threads, CpuSet cpus) {
    static final AsyncVerify OFF = new AsyncVerify(0, null);

    /** Whether the checks run on verifier threads. */
    public boolean enabled() {
        return threads > 0;
    }

    /** The verifier threads' CPUs (a copy), or null for any CPU. */
    public BitSet cpuSet() {
        return cpus == null ? null : cpus.cpus();
    }

    static AsyncVerify parse(OptionValues o) {
        int threads = o.get(AsyncVerifyKeys.VERIFY_ASYNC);
        CpuSet cpus = o.get(AsyncVerifyKeys.VERIFY_ASYNC_CPUS);
        return threads == 0 && cpus == null ? OFF : new AsyncVerify(threads, cpus);
    }
}
