package dev.jfio.run;

import dev.jfio.spi.IoTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lays out files that {@code filesize} sized, for an engine that works on files: fio's
 * {@code extend_file}. Engines lay out what {@code size} alone asks for in their setup; with
 * {@code filesize} only the runner knows each file's size, so it writes whatever a read job still
 * lacks after the engine's setup. Main thread, before any job starts.
 */
final class FileLayout {
    private static final int CHUNK = 1 << 20;

    private FileLayout() {}

    /**
     * Writes zeros from the end of each regular (or missing) target file up to the end of its
     * region, announcing each as fio does ("Laying out IO file NAME (N MiB)").
     *
     * @throws SetupFailedException with a one-line message when a file cannot be written
     */
    static void topUp(JobClone clone) {
        ByteBuffer zeros = null;
        for (int i = 0; i < clone.targets.size(); i++) {
            IoTarget target = clone.targets.get(i);
            long needed = clone.regionStart[i] + clone.regionLength[i];
            if (target.hasFixedSize() || target.size() >= needed) {
                continue;
            }
            Path path = Path.of(target.name());
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                continue;
            }
            if (clone.view.readOnly()) {
                throw new SetupFailedException(clone.spec.name() + ": refusing to extend " + path + " to " + needed
                        + " bytes due to read-only (--readonly)");
            }
            clone.view.notice("Laying out IO file " + path + " (" + mebibytes(needed) + " MiB)");
            if (zeros == null) {
                zeros = ByteBuffer.allocateDirect(CHUNK);
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                long position = channel.size();
                while (position < needed) {
                    zeros.clear().limit((int) Math.min(CHUNK, needed - position));
                    while (zeros.hasRemaining()) {
                        position += channel.write(zeros, position);
                    }
                }
                if (clone.spec.region().files().handling().createFsync()) {
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new SetupFailedException(
                        clone.spec.name() + ": cannot lay out " + path + ": " + JobClone.message(e), e);
            }
            target.setSize(needed);
        }
    }

    private static String mebibytes(long size) {
        return size % CHUNK == 0
                ? Long.toString(size / CHUNK)
                : String.format(java.util.Locale.ROOT, "%.2f", size / (double) CHUNK);
    }
}
