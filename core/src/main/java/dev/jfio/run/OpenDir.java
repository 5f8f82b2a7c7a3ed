package dev.jfio.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** fio's {@code opendir}: every regular file under a directory, recursively. Stateless; any thread. */
final class OpenDir {
    private OpenDir() {}

    /**
     * The absolute paths of the regular files under {@code dir}, in name order.
     *
     * @throws SetupFailedException naming the job and the directory when it cannot be listed or holds no file
     */
    static List<String> files(String job, String dir) {
        Path root = Path.of(dir).toAbsolutePath().normalize();
        List<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .map(Path::toString)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException | RuntimeException e) {
            throw new SetupFailedException(job + ": opendir=" + dir + ": cannot list the directory: "
                    + JobClone.message(e.getCause() != null ? e.getCause() : e));
        }
        if (files.isEmpty()) {
            throw new SetupFailedException(job + ": opendir=" + dir + " holds no regular file");
        }
        return files;
    }
}
