package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.report.ReportFormat;
import dev.jfio.report.Reports;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.PriorityLatency;
import dev.jfio.stats.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The priority an engine gives each I/O reaches the statistics, which report it as fio's per-priority latencies. */
class PriorityStatsRunTest {
    static final int BEST_EFFORT_0 = 2 << 13;

    /** Gives every other I/O priority 2/0 when cmdprio_percentage is set (as io_uring and libaio do at 50%). */
    public static final class EveryOther implements IoEngineProvider {
        static final EngineOption<String> PERCENTAGE = EngineOption.string("cmdprio_percentage", null, "test");

        @Override
        public String name() {
            return "everyother";
        }

        @Override
        public String description() {
            return "gives every other I/O priority 2/0";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS);
        }

        @Override
        public List<EngineOption<?>> options() {
            return List.of(PERCENTAGE);
        }

        @Override
        public IoEngine create(JobView job) {
            boolean on = job.isSet(PERCENTAGE);
            return new IoEngine() {
                private int n;

                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(1 << 20);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    if (on && n++ % 2 == 0) {
                        unit.setPriority(BEST_EFFORT_0);
                    }
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @TempDir
    Path dir;

    private RunResult run(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--name=t", "--ioengine=everyother", "--filename=t0", "--size=256k", "--bs=4k", "--rw=randread"));
        args.addAll(List.of(extra));
        return new OneEngineRun(dir, EveryOther.class)
                .run(args.toArray(String[]::new))
                .result();
    }

    private static String render(RunResult run, ReportFormat format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Reports.write(run, Set.of(format), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void latenciesAreKeptPerPriorityAndReportedAsFiosPrios() throws Exception {
        RunResult run = run("--cmdprio_percentage=50");
        DirectionResult read = run.jobs().get(0).dirs()[0];
        assertEquals(64, read.clat().n());
        List<PriorityLatency> prios = read.priorities();
        assertEquals(2, prios.size(), prios.toString());
        assertEquals(0, prios.get(0).ioprio());
        assertEquals(32, prios.get(0).clat().n());
        assertEquals(BEST_EFFORT_0, prios.get(1).ioprio());
        assertEquals(32, prios.get(1).clat().n());

        String json = render(run, ReportFormat.JSON);
        assertTrue(json.contains("\"prios\" : ["), json);
        assertTrue(json.contains("\"prioclass\" : 2,"), json);
        assertTrue(json.contains("\"prio\" : 0,"), json);
        String normal = render(run, ReportFormat.NORMAL);
        assertTrue(normal.contains("    clat prio 2/0 ("), normal);
        assertTrue(normal.contains("    clat prio 0/0 (50.00% of IOs) percentiles ("), normal);
    }

    @Test
    void withoutCmdprioNoPerPriorityFiguresAreKept() throws Exception {
        RunResult run = run();
        assertTrue(run.jobs().get(0).dirs()[0].priorities().isEmpty());
        assertFalse(render(run, ReportFormat.JSON).contains("\"prios\""));
    }

    @Test
    void groupReportingAddsEachPrioritysFiguresOverTheJobs() throws Exception {
        RunResult run = run("--cmdprio_percentage=50", "--numjobs=2", "--group_reporting");
        List<PriorityLatency> prios = run.jobs().get(0).dirs()[0].priorities();
        assertEquals(2, prios.size(), prios.toString());
        assertEquals(64, prios.get(0).clat().n());
        assertEquals(64, prios.get(1).clat().n());
    }
}
