package dev.jfio.report;

import dev.jfio.stats.CpuIdleness;

/**
 * fio's {@code --idle-prof} report (idletime.c show_idle_prof_stats): the normal report's "CPU
 * idleness:" section and JSON's "cpu_idleness" object, both after the disk utilisation. jfio's
 * idleness comes from the kernel's accounting, not from fio's calibrated busy loop, so fio's
 * "unit work" line and its unit_mean/unit_stddev keys are left out rather than made up.
 * Stateless; safe from any thread.
 */
final class IdlenessReport {

    private IdlenessReport() {}

    static void normal(CpuIdleness idle, StringBuilder out) {
        if (idle == null) {
            return;
        }
        out.append("\nCPU idleness:\n  system: ")
                .append(CFormat.fixed(idle.system(), 3, 2))
                .append("%\n");
        double[] cpus = idle.perCpu();
        if (cpus != null && cpus.length > 0) {
            out.append("  percpu: ");
            for (int i = 0; i < cpus.length; i++) {
                out.append(i == 0 ? "" : ", ")
                        .append(CFormat.fixed(cpus[i], 3, 2))
                        .append('%');
            }
            out.append('\n');
        }
    }

    static void json(CpuIdleness idle, JsonWriter w) {
        if (idle == null) {
            return;
        }
        w.beginObject("cpu_idleness");
        w.value("system", idle.system());
        double[] cpus = idle.perCpu();
        if (cpus != null) {
            for (int i = 0; i < cpus.length; i++) {
                w.value("cpu-" + i, cpus[i]);
            }
        }
        w.endObject();
    }
}
