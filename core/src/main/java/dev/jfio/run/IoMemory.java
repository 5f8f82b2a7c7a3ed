package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.job.Memory;
import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.SharedMemory;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory of a job clone's I/O buffers, as fio's {@code mem}/{@code iomem} allocates it:
 * {@code iodepth} buffers of the largest block size, in one region (fio's layout: the first buffer
 * {@code iomem_align} bytes past a page boundary, the next ones right after each other) from malloc,
 * anonymous or file-backed mmap (private, shared or huge pages), or a System V segment (shm,
 * shmhuge); plus {@code lockmem} bytes pinned with mlock. With malloc and no {@code iomem_align},
 * every buffer is page-aligned on its own. Created and closed by the job thread; closing unmaps the
 * memory and removes an mmap file the job created, as fio does.
 */
final class IoMemory implements AutoCloseable {
    private static final int PAGE = AlignedBuffers.ALIGNMENT;

    private final ByteBuffer[] buffers;
    private AutoCloseable region;
    private MappedMemory locked;
    private Path createdFile;

    private IoMemory(int depth) {
        this.buffers = new ByteBuffer[depth];
    }

    /**
     * Allocates the buffers of a clone with {@code depth} I/O units.
     *
     * @throws IOException naming the errno when the kernel refuses (no huge pages: ENOMEM; mlock)
     */
    static IoMemory allocate(JobSpec spec, int depth) throws IOException {
        Memory m = spec.buffers().memory();
        int maxBs = spec.maxBlockSize();
        IoMemory memory = new IoMemory(depth);
        try {
            if (m.lockBytes() > 0) {
                memory.locked = MappedMemory.anonymous(m.lockBytes());
                memory.locked.lock();
            }
            if (m.kind() == Memory.Kind.MALLOC && m.align() == 0) {
                for (int i = 0; i < depth; i++) {
                    memory.buffers[i] = AlignedBuffers.allocate(maxBs);
                }
                return memory;
            }
            long total = (long) maxBs * depth + PAGE + m.align();
            if (m.kind().huge()) {
                total = (total + m.hugePageSize() - 1) / m.hugePageSize() * m.hugePageSize();
            }
            ByteBuffer all = memory.region(m, total);
            for (int i = 0; i < depth; i++) {
                memory.buffers[i] = all.slice((int) (m.align() + (long) i * maxBs), maxBs);
            }
            return memory;
        } catch (IOException | RuntimeException e) {
            memory.close();
            throw new IOException(
                    "mem=" + m.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + (m.path() != null ? ":" + m.path() : "")
                            + (m.lockBytes() > 0 ? " (lockmem " + m.lockBytes() + ")" : "")
                            + ": " + e.getMessage(),
                    e);
        }
    }

    /** The whole region, from a page boundary. */
    private ByteBuffer region(Memory m, long total) throws IOException {
        switch (m.kind()) {
            case SHM:
            case SHMHUGE:
                SharedMemory shm = SharedMemory.create(total, m.kind() == Memory.Kind.SHMHUGE);
                region = shm;
                return shm.buffer();
            case MMAP:
            case MMAPSHARED:
            case MMAPHUGE:
                if (m.path() != null) {
                    return mappedFile(m, total);
                }
                int flags = MappedMemory.MAP_ANONYMOUS
                        | (m.kind() == Memory.Kind.MMAPSHARED ? MappedMemory.MAP_SHARED : MappedMemory.MAP_PRIVATE)
                        | (m.kind() == Memory.Kind.MMAPHUGE ? MappedMemory.MAP_HUGETLB : 0);
                MappedMemory mm =
                        MappedMemory.map(total, MappedMemory.PROT_READ | MappedMemory.PROT_WRITE, flags, -1, 0);
                region = mm;
                return mm.buffer();
            case MALLOC:
            default:
                return ByteBuffer.allocateDirect((int) total + PAGE).alignedSlice(PAGE);
        }
    }

    /** fio's file-backed mmap: plain mmap truncates the file to the region and maps it privately. */
    private ByteBuffer mappedFile(Memory m, long total) throws IOException {
        Path file = Path.of(m.path());
        if (!Files.exists(file)) {
            createdFile = file;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (m.kind() == Memory.Kind.MMAP) {
                raf.setLength(total);
                return raf.getChannel().map(FileChannel.MapMode.PRIVATE, 0, total);
            }
            return raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, total);
        }
    }

    /** Unit {@code i}'s buffer: the largest block size, position 0. */
    ByteBuffer buffer(int i) {
        return buffers[i];
    }

    @Override
    public void close() {
        if (region != null) {
            try {
                region.close();
            } catch (Exception e) {
                // munmap and shmdt do not fail on a mapping of ours
            }
            region = null;
        }
        if (locked != null) {
            locked.close();
            locked = null;
        }
        if (createdFile != null) {
            try {
                Files.deleteIfExists(createdFile);
            } catch (IOException e) {
                // as fio: a leftover mmap file is not an error
            }
            createdFile = null;
        }
    }
}
