package dev.jfio.run;

import dev.jfio.job.FileLifecycle;
import dev.jfio.job.JobSpec;
import dev.jfio.spi.IoTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What fio's file options do around a job's I/O, apart from the engine: refuse writes to a
 * mounted block device ({@code allow_mounted_write}), size files for {@code fill_device}, start
 * I/O at each file's end ({@code file_append}), read the files into the page cache first
 * ({@code pre_read}), and delete them before each loop after the first ({@code unlink_each_loop}). The checks and
 * sizes run on the main thread while the job is set up; the rest on the job's thread.
 */
final class FileChores {
    private static final int CHUNK = 1 << 20;

    private FileChores() {}

    private static FileLifecycle of(JobClone clone) {
        return clone.spec.region().files().lifecycle();
    }

    /**
     * After the engine's setup, before the regions are decided: allow_mounted_write's refusal and
     * fill_device's sizes. Main thread.
     *
     * @throws SetupFailedException as fio aborts, naming the device
     */
    static void beforeLayout(JobClone clone, boolean diskless) {
        if (diskless) {
            return;
        }
        JobSpec spec = clone.spec;
        FileLifecycle files = of(clone);
        if (spec.rw().writes() && !files.allowMountedWrite()) {
            List<String> mounts = MountTable.read();
            for (IoTarget t : clone.targets) {
                Path path = Path.of(t.name());
                if (MountTable.isBlockDevice(path) && MountTable.isMounted(path, mounts)) {
                    throw new SetupFailedException(spec.name() + ": " + t.name()
                            + " appears mounted, and 'allow_mounted_write' isn't set. Aborting.");
                }
            }
        }
        if (files.ioscheduler() != null) {
            for (IoTarget t : clone.targets) {
                String notice = IoScheduler.set(spec.name(), Path.of(t.name()), files.ioscheduler());
                if (notice != null) {
                    clone.view.notice(notice);
                }
            }
        }
        if (files.fillDevice() && spec.region().size() < 0 && spec.region().sizePercent() == 0) {
            // fio sets size "really large": a file may grow to the size of its file system
            for (IoTarget t : clone.targets) {
                if (!t.hasFixedSize()) {
                    t.setSize(fileSystemSize(Path.of(t.name())));
                }
            }
        }
    }

    /** file_append: each regular file's region starts at its end (fio's file_offset = real_file_size). Main thread. */
    static void afterLayout(JobClone clone) {
        if (!of(clone).fileAppend()) {
            return;
        }
        for (int i = 0; i < clone.targets.size(); i++) {
            IoTarget t = clone.targets.get(i);
            if (!t.hasFixedSize() && Files.isRegularFile(Path.of(t.name()))) {
                clone.regionStart[i] = Math.max(0, t.size());
            }
        }
    }

    /**
     * pre_read: reads each target's region once, so the job starts with it in the page cache
     * (fio's pre_read_files; invalidate is off then). Job thread, before the I/O loop.
     *
     * @throws IOException naming the file that cannot be read
     */
    static void preRead(JobClone clone) throws IOException {
        if (!of(clone).preRead()) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        for (int i = 0; i < clone.targets.size(); i++) {
            Path path = Path.of(clone.targets.get(i).name());
            if (!Files.isRegularFile(path) && !MountTable.isBlockDevice(path)) {
                continue;
            }
            long end = clone.regionStart[i] + clone.regionLength[i];
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                long position = clone.regionStart[i];
                while (position < end) {
                    buffer.clear().limit((int) Math.min(CHUNK, end - position));
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        break;
                    }
                    position += n;
                }
            } catch (IOException e) {
                throw new IOException("pre_read: cannot read " + path + ": " + JobClone.message(e), e);
            }
        }
    }

    /**
     * unlink_each_loop at the end of a loop: closes each open file, deletes every regular file of
     * the job and opens again those that were open (a write job creates them anew). Job thread.
     */
    static void unlinkEachLoop(JobClone clone, IoTarget[] targets, OpenTargets opened) throws IOException {
        for (int t = 0; t < targets.length; t++) {
            boolean wasOpen = opened.isOpen(t);
            if (wasOpen) {
                opened.closed(t);
                clone.engine.close(targets[t]);
            }
            delete(targets[t]);
            if (wasOpen) {
                clone.open(targets[t]);
                opened.opened(t);
            }
        }
    }

    /** Whether the job's files are deleted after each loop. */
    static boolean unlinksEachLoop(JobClone clone) {
        return of(clone).unlinkEachLoop();
    }

    private static void delete(IoTarget target) throws IOException {
        Path path = Path.of(target.name());
        if (Files.isRegularFile(path)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new IOException("unlink_each_loop: cannot delete " + path + ": " + JobClone.message(e), e);
            }
        }
    }

    private static long fileSystemSize(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return store.getTotalSpace();
        } catch (IOException | RuntimeException e) {
            throw new SetupFailedException(
                    "fill_device: cannot learn the size of the file system of " + path + ": " + JobClone.message(e));
        }
    }
}
