package dev.jfio.job;

/** {@code exit_what}: which jobs {@code exitall} ends when a job finishes (fio's fio_terminate_threads). */
public enum ExitWhat {
    /** The jobs of the finished job's reporting group (fio's default). */
    GROUP,
    /** The jobs running at that moment; jobs of later stonewall sections still run. */
    STONEWALL,
    /** Every job, including those that have not started yet. */
    ALL
}
