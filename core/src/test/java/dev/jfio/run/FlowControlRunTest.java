package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.stats.JobResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs of one flow_id keep their I/O counts in the ratio of their flow weights (fio's t0011/t0014). */
class FlowControlRunTest {
    @TempDir
    Path dir;

    private static double ratio(List<JobResult> jobs, int a, int b) {
        return (double) jobs.get(a).dirs()[0].totalIos() / jobs.get(b).dirs()[0].totalIos();
    }

    @Test
    void jobsOfOneFlowIdRunInTheRatioOfTheirWeights() throws Exception {
        List<JobResult> jobs = new OneEngineRun(dir, IgnoreErrorRunTest.FullDisk.class)
                .run(
                        "--ioengine=fulldisk",
                        "--filename=t0",
                        "--size=256k",
                        "--rw=read",
                        "--time_based",
                        "--runtime=1500ms",
                        "--flow_id=1",
                        "--name=light",
                        "--flow=1",
                        "--name=heavy",
                        "--flow=3",
                        "--name=apart",
                        "--flow_id=2",
                        "--flow=1")
                .result()
                .jobs();
        double heavyToLight = ratio(jobs, 1, 0);
        assertTrue(heavyToLight > 2.7 && heavyToLight < 3.3, "flow=3 against flow=1: " + heavyToLight);
    }
}
