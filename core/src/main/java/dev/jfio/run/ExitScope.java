package dev.jfio.run;

import java.util.List;

/**
 * Which jobs exitall and exitall_on_error end when a job finishes (exit_what, fio's
 * fio_terminate_threads): the finished job's reporting group (group, fio's default), the jobs
 * started so far (stonewall: those of later stonewall sections still run) or every job, those not
 * yet started included (all). Called from the finishing job's thread; the clone list is complete
 * before any job starts and never changes.
 */
final class ExitScope {
    private final List<JobClone> clones;

    ExitScope(List<JobClone> clones) {
        this.clones = clones;
    }

    /** Ends the jobs that {@code finished}'s exit_what names, with {@code why} as their stop reason. */
    void end(JobClone finished, String why) {
        switch (finished.spec.exitWhat()) {
            case ALL:
                finished.stop.run().request(why);
                return;
            case STONEWALL:
                for (JobClone c : clones) {
                    if (c.started) {
                        c.stop.request(why);
                    }
                }
                return;
            case GROUP:
            default:
                for (JobClone c : clones) {
                    if (c.groupId == finished.groupId) {
                        c.stop.request(why);
                    }
                }
        }
    }
}
