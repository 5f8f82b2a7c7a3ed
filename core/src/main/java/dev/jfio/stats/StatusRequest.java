package dev.jfio.stats;

import java.util.concurrent.CompletableFuture;

/** A --status-interval request to a job thread ({@link JobStats#requestStatus}); immutable but for its future. */
final class StatusRequest {
    final JobInfo info;
    final CpuSample cpuAtBegin;
    final CpuSampler cpu;
    final CompletableFuture<JobResult> future = new CompletableFuture<>();

    StatusRequest(JobInfo info, CpuSample cpuAtBegin, CpuSampler cpu) {
        this.info = info;
        this.cpuAtBegin = cpuAtBegin;
        this.cpu = cpu;
    }
}
