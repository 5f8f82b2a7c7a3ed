package dev.jfio.run;

import dev.jfio.spi.Errno;
import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * fio's {@code exec_prerun} and {@code exec_postrun}: the command goes to {@code sh -c} with its
 * output and errors in {@code JOBNAME.prerun.txt} (or {@code .postrun.txt}) in the working
 * directory, as fio's system() call leaves them. Where fio lets a failing prerun end the job
 * silently, jfio fails the job naming the command's exit status. Job thread only.
 */
final class ExecHooks {
    private ExecHooks() {}

    /**
     * Runs {@code command} for job {@code name} and waits for it.
     *
     * @param mode "prerun" or "postrun"
     * @return the command's exit status
     * @throws JobFailedException when the shell cannot be started or the wait is interrupted
     */
    static int run(String name, String mode, String command, RunnerJobView view) throws JobFailedException {
        File output = new File(name + "." + mode + ".txt");
        view.notice("saving the output of exec_" + mode + " in " + output);
        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                .redirectErrorStream(true)
                .redirectOutput(output)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new JobFailedException(Errno.of(e, Errno.EIO), "exec_" + mode + ": " + e.getMessage());
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new JobFailedException(Errno.EINTR, "exec_" + mode + " '" + command + "' was stopped");
        }
    }
}
