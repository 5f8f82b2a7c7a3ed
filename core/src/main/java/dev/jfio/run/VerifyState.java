package dev.jfio.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * verify_state_save and verify_state_load: how many of its writes, in issue order, a writing job
 * had completed when it ended, so that a later verify_only job checks only those (fio's
 * {@code <type>-<job>-<index>-verify.state}). jfio's file, {@code local-<job>-<index>-verify.state}
 * in the working directory or --aux-path, is text:
 *
 * <pre>
 * jfio-verify-state 1
 * completed_writes 1234
 * </pre>
 *
 * where every write numbered below 1234 had completed (writes completed out of order beyond a
 * gap are not counted). Job thread only; allocation-free per write.
 */
final class VerifyState {
    private static final String MAGIC = "jfio-verify-state 1";
    /** Writes that may complete ahead of the oldest one still in flight and still be counted. */
    private static final int WINDOW = 1 << 16;

    private final boolean[] done = new boolean[WINDOW];
    /** Every write numbered below this one completed. */
    private long completedPrefix;

    /** Write number {@code seq} (its verify sequence) completed. */
    void completed(long seq) {
        if (seq < completedPrefix || seq - completedPrefix >= WINDOW) {
            return;
        }
        done[(int) (seq % WINDOW)] = true;
        while (done[(int) (completedPrefix % WINDOW)]) {
            done[(int) (completedPrefix % WINDOW)] = false;
            completedPrefix++;
        }
    }

    /** The state file of job {@code name}, thread {@code index} of the run, in {@code dir} (null: the working directory). */
    static Path file(Path dir, String name, int index) {
        String file = "local-" + name + "-" + index + "-verify.state";
        return dir == null ? Path.of(file) : dir.resolve(file);
    }

    void save(Path file) throws IOException {
        Files.write(file, List.of(MAGIC, "completed_writes " + completedPrefix), StandardCharsets.UTF_8);
    }

    /**
     * The writes an earlier job completed, from its state file.
     *
     * @throws IOException when the file cannot be read or is not a jfio verify state
     */
    static long load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(MAGIC) || !lines.get(1).startsWith("completed_writes ")) {
            throw new IOException(file + " is not a jfio verify state file");
        }
        try {
            long n = Long.parseLong(
                    lines.get(1).substring("completed_writes ".length()).trim());
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException(file + " has a bad completed_writes count: " + lines.get(1), e);
        }
    }
}
