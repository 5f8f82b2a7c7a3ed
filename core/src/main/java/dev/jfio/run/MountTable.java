package dev.jfio.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which block devices are mounted, from {@code /proc/mounts}, as fio's device_is_mounted asks
 * its mount table. Stateless; any thread.
 */
final class MountTable {
    private static final Path PROC_MOUNTS = Path.of("/proc/mounts");
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private MountTable() {}

    /** The lines of /proc/mounts, or none when it cannot be read (not Linux). */
    static List<String> read() {
        try {
            return Files.readAllLines(PROC_MOUNTS);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether {@code path} is a block device (following links). */
    static boolean isBlockDevice(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer && (((Integer) mode) & S_IFMT) == S_IFBLK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a line of {@code mounts} has {@code device} (or a link to the same node) as its source. */
    static boolean isMounted(Path device, List<String> mounts) {
        Path real = realPath(device);
        for (String line : mounts) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            String source = unescape(line.substring(0, space));
            if (source.startsWith("/") && realPath(Path.of(source)).equals(real)) {
                return true;
            }
        }
        return false;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes (\040). */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                try {
                    sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    // not an escape: keep the backslash
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
