package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kenai.jffi.MemoryIO;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.JobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where I/O buffers live: mem=mmap:FILE, mmapshared, shm, the huge kinds (refused with the kernel's
 * errno when no huge pages are reserved), iomem_align and lockmem, observed from inside an engine
 * while the job runs (buffer addresses, /proc/self/maps, /proc/sysvipc/shm, /proc/self/status).
 */
class IoMemoryRunTest {
    /** What the engine saw at its first I/O: lines of /proc files, and each buffer's address modulo 4096. */
    static final List<String> SEEN = new ArrayList<>();

    static final Set<Long> OFFSETS_IN_PAGE = ConcurrentHashMap.newKeySet();
    static volatile Path watched;
    static volatile long watchedSize = -1;

    /** Records what it sees of the process while the job runs. */
    public static final class Observer implements IoEngineProvider {
        @Override
        public String name() {
            return "observer";
        }

        @Override
        public String description() {
            return "looks at the process's memory while the job runs";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(1 << 20);
                    }
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    OFFSETS_IN_PAGE.add(MemoryIO.getInstance().getDirectBufferAddress(unit.buffer()) % 4096);
                    synchronized (SEEN) {
                        if (SEEN.isEmpty()) {
                            try {
                                SEEN.addAll(Files.readAllLines(Path.of("/proc/self/maps")));
                                SEEN.addAll(Files.readAllLines(Path.of("/proc/sysvipc/shm")));
                                SEEN.addAll(Files.readAllLines(Path.of("/proc/self/status")));
                                if (watched != null && Files.exists(watched)) {
                                    watchedSize = Files.size(watched);
                                }
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        SEEN.clear();
        OFFSETS_IN_PAGE.clear();
        watched = null;
        watchedSize = -1;
    }

    private JobResult run(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--name=t",
                "--ioengine=observer",
                "--filename=t0",
                "--size=256k",
                "--bs=12k",
                "--iodepth=1",
                "--rw=write"));
        args.addAll(List.of(options));
        return new OneEngineRun(dir, Observer.class)
                .run(args.toArray(new String[0]))
                .result()
                .jobs()
                .get(0);
    }

    /** 12 KiB buffer + a page + the alignment offset, as fio sizes the region. */
    private static final long REGION = 12288 + 4096;

    private static boolean mapped(String perms, long size) {
        for (String line : SEEN) {
            String[] f = line.split("\\s+");
            if (f.length >= 2 && f[0].contains("-") && f[1].equals(perms)) {
                String[] range = f[0].split("-");
                if (Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16) == size) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void mmapWithAFileMapsItTruncatedToTheBuffersAndRemovesItWhenTheJobMadeIt() throws IOException {
        Path file = dir.resolve("buffers.mem");
        watched = file;
        assertEquals(0, run("--mem=mmap:" + file).error());
        assertEquals(REGION, watchedSize, "the file holds the buffers while the job runs");
        assertFalse(Files.exists(file), "the job created it: it is removed, as fio does");
        clear();
        Files.write(file, new byte[100]);
        watched = file;
        assertEquals(0, run("--iomem=mmap:" + file).error());
        assertEquals(REGION, watchedSize);
        assertTrue(Files.exists(file), "a file that was there stays");
    }

    @Test
    void mmaphugeRoundsTheBuffersUpToHugepageSize() throws IOException {
        Path file = dir.resolve("huge.mem"); // a plain file here, so no huge pages are needed to map it
        for (long page : new long[] {2 << 20, 4 << 20}) {
            clear();
            watched = file;
            JobResult r = page == 2 << 20
                    ? run("--mem=mmaphuge:" + file)
                    : run("--mem=mmaphuge:" + file, "--hugepage-size=4m");
            assertEquals(0, r.error(), r.errorMessage());
            assertEquals(page, watchedSize, "the mapping is whole huge pages");
        }
    }

    @Test
    void mmapsharedAndShmAllocateSharedMemory() throws IOException {
        assertEquals(0, run("--mem=mmapshared").error());
        assertTrue(mapped("rw-s", REGION), "a shared anonymous mapping of the buffers' size");
        clear();
        assertEquals(0, run("--mem=shm").error());
        String pid = Long.toString(ProcessHandle.current().pid());
        boolean segment = SEEN.stream()
                .map(String::trim)
                .map(l -> l.split("\\s+"))
                .anyMatch(f -> f.length > 4 && f[3].equals(Long.toString(REGION)) && f[4].equals(pid));
        assertTrue(segment, "a System V segment of the buffers' size, made by this process");
    }

    @Test
    void hugeKindsFailWithTheKernelsErrnoWhenNoHugePagesAreReserved() throws IOException {
        long reserved = Long.parseLong(
                Files.readString(Path.of("/proc/sys/vm/nr_hugepages")).trim());
        for (String kind : new String[] {"mmaphuge", "shmhuge"}) {
            JobResult r = run("--mem=" + kind);
            if (reserved == 0) {
                assertEquals(Errno.ENOMEM, r.error(), kind + ": " + r.errorMessage());
                assertTrue(r.errorMessage().contains("mem=" + kind), r.errorMessage());
            } else {
                assertEquals(0, r.error(), kind + ": " + r.errorMessage());
            }
            clear();
        }
    }

    @Test
    void iomemAlignOffsetsTheFirstBufferFromAPageBoundary() throws IOException {
        run("--iomem_align=512");
        assertEquals(Set.of(512L), OFFSETS_IN_PAGE);
        clear();
        run();
        assertEquals(Set.of(0L), OFFSETS_IN_PAGE, "by default buffers are page-aligned");
    }

    @Test
    void lockmemPinsThatMuchMemoryWhileTheJobRuns() throws IOException {
        assertEquals(0, run("--lockmem=8m").error());
        long lockedKb = SEEN.stream()
                .filter(l -> l.startsWith("VmLck:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(-1);
        assertTrue(lockedKb >= 8192, "VmLck " + lockedKb + " kB");
    }
}
