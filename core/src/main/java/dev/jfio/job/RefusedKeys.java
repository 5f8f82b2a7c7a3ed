package dev.jfio.job;

import java.util.List;

/**
 * fio's core options for what jfio cannot do (GPUs, fio's built-in job profiles, cgroups, another
 * user or group per job, NUMA binding: jfio's jobs are threads of one JVM), declared so that a job
 * setting one is refused with the reason rather than as unknown. Part of
 * {@link CoreOptions}; immutable, safe from any thread.
 */
final class RefusedKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<String> GPU_DEV_ID = refused(
            "gpu_dev_id",
            "Set GPU device ID for GPUDirect RDMA",
            "it selects the GPU that fio's mem=cudamalloc and libcufile engine use; jfio has no GPU"
                    + " memory and no libcufile engine");
    static final CoreOption<String> PROFILE = refused(
            "profile",
            "Select a specific builtin performance test",
            "fio's built-in profiles (tiobench, act) generate their jobs inside fio; jfio has none: write"
                    + " the jobs out in a job file");

    // fio moves each job process; jfio's jobs are threads of one JVM
    static final CoreOption<String> CGROUP = refused(
            "cgroup",
            "Add job to cgroup of this name",
            "fio moves each job's process into the cgroup; jfio's jobs are threads of one JVM, and the"
                    + " cgroup v2 io controller that cgroup_weight sets cannot hold single threads");
    static final CoreOption<String> CGROUP_WEIGHT = refused(
            "cgroup_weight",
            "Use given weight for cgroup",
            "it weights the job's cgroup (see cgroup), which jfio cannot place a job thread in: the"
                    + " cgroup v2 io controller applies to whole processes, and jfio's jobs are threads of one JVM");
    static final CoreOption<String> CGROUP_NODELETE = refused(
            "cgroup_nodelete",
            "Do not delete cgroups after job completion",
            "it keeps the cgroup that option cgroup makes, which jfio does not support (jobs are threads of"
                    + " one JVM)");
    static final CoreOption<String> UID = refused(
            "uid",
            "Run job with this user ID",
            "fio switches each job process to the user with setuid; jfio's jobs are threads of one JVM,"
                    + " whose user cannot change per job");
    static final CoreOption<String> GID = refused(
            "gid",
            "Run job with this group ID",
            "fio switches each job process to the group with setgid; jfio's jobs are threads of one JVM,"
                    + " whose group cannot change per job");
    static final CoreOption<String> NUMA_CPU_NODES = refused(
            "numa_cpu_nodes",
            "NUMA CPU nodes bind",
            "it binds the job to the CPUs of NUMA nodes through libnuma, which jfio does not load; give the"
                    + " nodes' CPUs with cpus_allowed instead (/sys/devices/system/node/nodeN/cpulist)");
    static final CoreOption<String> NUMA_MEM_POLICY = refused(
            "numa_mem_policy",
            "NUMA memory policy setup",
            "it sets the job process's memory policy through libnuma before its buffers are allocated;"
                    + " jfio allocates every job's buffers on the main thread of one JVM, so no per-job policy"
                    + " could apply to them");

    private RefusedKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    /** Fails the job at the file:line of the first of these options it sets. */
    static void check(OptionValues o) {
        for (CoreOption<?> key : KEYS.declared()) {
            o.get(key);
        }
    }

    private static CoreOption<String> refused(String name, String help, String reason) {
        return KEYS.add(
                name, OptionType.STRING, null, help + " (refused by jfio: " + reason + ")", "Refused", (s, kb) -> {
                    throw Setting.error(s, name + " cannot apply to jfio: " + reason);
                });
    }
}
