package dev.jfio.run;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpec;
import dev.jfio.job.JobSpecException;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngineProvider;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Mistakes that only show once the jobs are parsed and their engines known, refused pointing at
 * the option, where the engine or the runner would otherwise fail later with a message that does
 * not name it:
 * <ul>
 *   <li>{@code wait_for} naming no job (fio: "waitee job ... unknown"), a job whose engine is
 *       not loaded, and {@code verify} on an engine that moves no data
 *       ({@link EngineFlag#NO_DATA_TRANSFER}): before anything is prepared ({@link #check});</li>
 *   <li>on a diskless engine whose targets have no fixed size (such as {@code ioengine=null}): no
 *       {@code size} at all, or a percentage of the target's size ({@code size=10%},
 *       {@code offset=}, {@code offset_increment=}): right after the engine's setup named its
 *       targets, before anything is laid out ({@link #checkSizeIsKnown}).</li>
 * </ul>
 * The {@link Runner} runs them itself, so every caller gets them.
 */
final class PreRunChecks {
    private PreRunChecks() {}

    /** @throws JobSpecException for the first mistake, with its file and line */
    static void check(JobSet jobSet, EngineRegistry engines) {
        Set<String> names = new LinkedHashSet<>();
        for (JobSpec job : jobSet.jobs()) {
            names.add(job.name());
            IoEngineProvider provider = engines.provider(job.ioengine());
            if (job.verify().mode() != null && provider.flags().contains(EngineFlag.NO_DATA_TRANSFER)) {
                throw new JobSpecException(
                        job.location("verify"),
                        "job '" + job.name() + "': verify=" + job.raw("verify") + " cannot check ioengine="
                                + job.ioengineText() + ": its I/O moves no data, so nothing written reads back");
            }
        }
        for (JobSpec job : jobSet.jobs()) {
            String waitFor = job.waitFor();
            if (waitFor != null && !names.contains(waitFor)) {
                throw new JobSpecException(
                        job.location("wait_for"),
                        "wait_for=" + waitFor + ": no job named '" + waitFor + "'"
                                + (names.size() > 1 ? " (jobs: " + String.join(", ", names) + ")" : ""));
            }
        }
    }

    /** @throws JobSpecException when the job leaves the size to targets that have none */
    static void checkSizeIsKnown(JobSpec job) {
        if (job.region().size() < 0 && job.region().sizePercent() == 0) {
            throw new JobSpecException(
                    job.location("ioengine"),
                    "job '" + job.name() + "': ioengine=" + job.ioengineText()
                            + " has no target to take a size from; set size= (e.g. size=1g)");
        }
        refusePercent(job, "size", job.region().sizePercent());
        refusePercent(job, "offset", job.region().offsetPercent());
        refusePercent(job, "offset_increment", job.region().offsetIncrementPercent());
    }

    private static void refusePercent(JobSpec job, String option, double percent) {
        if (percent > 0) {
            throw new JobSpecException(
                    job.location(option),
                    option + "=" + job.raw(option)
                            + ": a percentage needs a target of known size, and ioengine=" + job.ioengineText()
                            + " has none; give " + option + " in bytes (e.g. " + option + "=1g)");
        }
    }
}
