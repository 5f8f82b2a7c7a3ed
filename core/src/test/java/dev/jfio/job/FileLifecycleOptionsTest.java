package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** buffered, atomic, pre_read, filename_format and the options jfio refuses with their reason. */
class FileLifecycleOptionsTest {
    private static JobSpec cmd(String... args) {
        return TestCatalogs.commandLineJob(args);
    }

    @Test
    void bufferedZeroIsDirectAndAtomicOpensWithODirectAsFio() {
        assertTrue(cmd("--buffered=0").direct());
        assertFalse(cmd("--buffered=1").direct());
        assertFalse(cmd().direct());
        assertTrue(cmd("--atomic=1").direct(), "fio's atomic adds O_DIRECT");
    }

    @Test
    void preReadClearsInvalidateAsFio() {
        assertTrue(cmd().region().files().handling().invalidate());
        assertFalse(cmd("--pre_read=1").region().files().handling().invalidate());
    }

    @Test
    void filenameFormatReplacesEveryKeywordInAnyCaseAndClientuidIsEmptyWithoutClientServerMode() {
        FileLifecycle f = cmd("--filename_format=$JOBNAME/$jobnum-$filenum$clientuid.$filenum")
                .region()
                .files()
                .lifecycle();
        assertEquals("job/3-7.7", f.fileName("job", 3, 7));
        assertEquals("a.1.2", cmd().region().files().lifecycle().fileName("a", 1, 2));
    }

    @Test
    void writeBarrierAndCreateSerializeOffAreAcceptedWithANoticeOfTheirEffect() {
        assertTrue(cmd("--write_barrier=4").warnings().stream().anyMatch(w -> w.contains("write_barrier")));
        assertTrue(cmd("--create_serialize=0").warnings().stream().anyMatch(w -> w.contains("create_serialize=0")));
        assertTrue(cmd("--create_serialize=1", "--write_barrier=0").warnings().isEmpty());
    }

    @Test
    void fadviseStreamIsUnknownAsInFio333WhichDroppedIt() {
        JobSpecException e = assertThrows(JobSpecException.class, () -> cmd("--fadvise_stream=1"));
        assertTrue(e.getMessage().contains("unknown option 'fadvise_stream'"), e.getMessage());
    }

    @Test
    void processLevelOptionsAreRefusedWithTheirReason() {
        for (String option : new String[] {
            "--cgroup=x",
            "--cgroup_weight=100",
            "--cgroup_nodelete=1",
            "--uid=1",
            "--gid=1",
            "--numa_cpu_nodes=0",
            "--numa_mem_policy=local"
        }) {
            JobSpecException e = assertThrows(JobSpecException.class, () -> cmd(option), option);
            String name = option.substring(2, option.indexOf('='));
            assertTrue(e.getMessage().contains(name + " cannot apply to jfio: "), e.getMessage());
            assertFalse(e.getMessage().contains("not supported yet"), e.getMessage());
        }
    }
}
