package dev.jfio.run;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpec;
import dev.jfio.job.JobSpecException;
import dev.jfio.spi.EngineFlag;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Mistakes that only show once the jobs are parsed and their engines known, refused before
 * anything runs and pointing at the option, where the engine or the runner would otherwise fail
 * later with a message that does not name it:
 * <ul>
 *   <li>on an engine whose targets have no size (one that uses no files and has no fixed size,
 *       such as {@code ioengine=null}): no {@code size} at all, or a percentage of the target's
 *       size ({@code size=10%}, {@code offset=}, {@code offset_increment=});</li>
 *   <li>{@code wait_for} naming no job (fio: "waitee job ... unknown").</li>
 * </ul>
 * The {@link Runner} runs them before it prepares anything, so every caller gets them.
 */
final class PreRunChecks {
    private PreRunChecks() {
    }

    /** @throws JobSpecException for the first mistake, with its file and line */
    static void check(JobSet jobSet, EngineRegistry engines) {
        Set<String> names = new LinkedHashSet<>();
        for (JobSpec job : jobSet.jobs()) {
            names.add(job.name());
            Set<EngineFlag> flags = engines.provider(job.ioengine()).flags();
            if (flags.contains(EngineFlag.DISKLESS) && !flags.contains(EngineFlag.FIXED_SIZE)) {
                checkSizeIsKnown(job);
            }
        }
        for (JobSpec job : jobSet.jobs()) {
            String waitFor = job.waitFor();
            if (waitFor != null && !names.contains(waitFor)) {
                throw new JobSpecException(job.location("wait_for"), "wait_for=" + waitFor + ": no job named '"
                        + waitFor + "'" + (names.size() > 1 ? " (jobs: " + String.join(", ", names) + ")" : ""));
            }
        }
    }

    private static void checkSizeIsKnown(JobSpec job) {
        if (job.region().size() < 0 && job.region().sizePercent() == 0) {
            throw new JobSpecException(job.location("ioengine"), "job '" + job.name() + "': ioengine="
                    + job.ioengineText() + " has no target to take a size from; set size= (e.g. size=1g)");
        }
        refusePercent(job, "size", job.region().sizePercent());
        refusePercent(job, "offset", job.region().offsetPercent());
        refusePercent(job, "offset_increment", job.region().offsetIncrementPercent());
    }

    private static void refusePercent(JobSpec job, String option, double percent) {
        if (percent > 0) {
            throw new JobSpecException(job.location(option), option + "=" + job.raw(option)
                    + ": a percentage needs a target of known size, and ioengine=" + job.ioengineText()
                    + " has none; give " + option + " in bytes (e.g. " + option + "=1g)");
        }
    }
}
