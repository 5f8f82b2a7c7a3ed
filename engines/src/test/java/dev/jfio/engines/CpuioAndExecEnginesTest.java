package dev.jfio.engines;

import static dev.jfio.testing.MiniJson.integer;
import static dev.jfio.testing.MiniJson.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fio's cpuio and exec engines, run in-process through the jfio command. */
class CpuioAndExecEnginesTest {

    private static double cpuPercent(Object doc) {
        return number(doc, "jobs", 0, "usr_cpu") + number(doc, "jobs", 0, "sys_cpu");
    }

    private static Object cpuio(int load) {
        return JfioRun.run(
                        "--name=c",
                        "--ioengine=cpuio",
                        "--cpuload=" + load,
                        "--cpuchunks=20000",
                        "--runtime=2",
                        "--time_based",
                        "--output-format=json")
                .json();
    }

    @Test
    void cpuloadSleepsTheRestOfEachCycleSoTheThreadUsesAboutThatShareOfOneCpu() {
        // 20 ms of spinning then 180 ms asleep: about 10 cycles in 2 s (100 without the sleep)
        Object light = cpuio(10);
        long cycles = integer(light, "jobs", 0, "read", "total_ios");
        assertTrue(cycles >= 5 && cycles <= 12, "cycles " + cycles);
        double lightCpu = cpuPercent(light);
        assertTrue(lightCpu < 30, "cpuload=10 used " + lightCpu + "% of a CPU");
        Object heavy = cpuio(90);
        long heavyCycles = integer(heavy, "jobs", 0, "read", "total_ios");
        assertTrue(heavyCycles >= 45 && heavyCycles <= 92, "cycles " + heavyCycles);
        double heavyCpu = cpuPercent(heavy);
        assertTrue(heavyCpu > lightCpu, "cpuload=90 used " + heavyCpu + "%, cpuload=10 " + lightCpu + "%");
    }

    @Test
    void qsortModeBurnsBySortingAndStillSleepsItsShare() {
        Object doc = JfioRun.run(
                        "--name=q",
                        "--ioengine=cpuio",
                        "--cpuload=20",
                        "--cpumode=qsort",
                        "--runtime=2",
                        "--time_based",
                        "--output-format=json")
                .json();
        assertTrue(integer(doc, "jobs", 0, "read", "total_ios") > 0);
        double cpu = cpuPercent(doc);
        assertTrue(cpu > 1 && cpu < 45, "cpuload=20 in qsort mode used " + cpu + "%");
    }

    @Test
    void exitOnIoDoneEndsTheCpuJobOnceTheIoJobsHaveFinished() {
        Object doc = JfioRun.run(
                        "--output-format=json",
                        "--name=burn",
                        "--ioengine=cpuio",
                        "--cpuload=10",
                        "--cpuchunks=10000",
                        "--exit_on_io_done=1",
                        "--runtime=60",
                        "--time_based",
                        "--name=io",
                        "--ioengine=null",
                        "--size=200k",
                        "--rate_iops=100")
                .json();
        long burnMillis = integer(doc, "jobs", 0, "job_runtime");
        assertTrue(burnMillis < 20_000, "the cpuio job ran " + burnMillis + " ms");
        assertEquals(50L, integer(doc, "jobs", 1, "read", "total_ios"));
    }

    @Test
    void cpuioWithoutCpuloadFailsNamingTheOption() {
        JfioRun r = JfioRun.run("--name=c", "--ioengine=cpuio", "--runtime=1", "--time_based");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("cpuload="), r.err());
    }

    @Test
    void execRunsTheProgramWithRuntimeAndNameSubstitutedAndTerminatesItAtTheEnd(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("prog.sh");
        Path termed = dir.resolve("termed");
        Files.writeString(
                script,
                "#!/bin/sh\ntrap 'echo term > " + termed + "; exit 0' TERM\necho \"args: $*\"\necho oops >&2\n"
                        + "while true; do sleep 0.05; done\n");
        Files.setPosixFilePermissions(
                script,
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        String name = dir.resolve("ex").toString();
        JfioRun r = JfioRun.run(
                "--name=" + name,
                "--ioengine=exec",
                "--program=" + script,
                "--arguments=%r  %n",
                "--grace_time=5",
                "--runtime=1",
                "--time_based",
                "--output-format=json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("args: 1 " + name + "\n", Files.readString(Path.of(name + ".stdout")));
        assertEquals("oops\n", Files.readString(Path.of(name + ".stderr")));
        assertEquals("term\n", Files.readString(termed));
    }

    @Test
    void execWithStdRedirectOffWritesNoOutputFiles(@TempDir Path dir) {
        String name = dir.resolve("quiet").toString();
        JfioRun r = JfioRun.run(
                "--name=" + name,
                "--ioengine=exec",
                "--program=true",
                "--std_redirect=0",
                "--runtime=1",
                "--time_based",
                "--output-format=json");
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(Path.of(name + ".stdout")));
    }

    @Test
    void execWithoutProgramFailsNamingTheOption() {
        JfioRun r = JfioRun.run("--name=e", "--ioengine=exec", "--runtime=1", "--time_based");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("program="), r.err());
    }
}
