package dev.jfio.engine.file.uring;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file whose reads the kernel really fails or holds: an nbdkit memory disk behind nbdkit's error
 * or delay filter, mounted as a file with nbdfuse (FUSE), so io_uring reads of it go through the
 * kernel and come back with nbdkit's errno or after its delay. Needs nbdfuse (libnbd-bin), nbdkit
 * and /dev/fuse: missing in CI ({@code CI=true}) fails the test, elsewhere skips it naming the
 * packages.
 */
final class FuseDisk implements AutoCloseable {
    private final Path mountpoint;
    private final Process nbdfuse;
    final Path file;

    private FuseDisk(Path mountpoint, Process nbdfuse) {
        this.mountpoint = mountpoint;
        this.nbdfuse = nbdfuse;
        this.file = mountpoint.resolve("disk");
    }

    /** Mounts {@code dir/mnt/disk}: a memory disk of {@code size} with nbdkit {@code filter} and its parameters. */
    static FuseDisk mount(Path dir, String size, String filter, String... params) throws Exception {
        boolean present = onPath("nbdfuse") && onPath("nbdkit") && Files.exists(Path.of("/dev/fuse"));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("nbdfuse, nbdkit and /dev/fuse are needed (Debian: apt-get install libnbd-bin nbdkit)");
        }
        assumeTrue(present, "needs nbdfuse, nbdkit and /dev/fuse (Debian: apt-get install libnbd-bin nbdkit)");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        List<String> command = new ArrayList<>(List.of(
                "nbdfuse",
                mnt.resolve("disk").toString(),
                "--command",
                "nbdkit",
                "-s",
                "--filter=" + filter,
                "memory",
                size));
        command.addAll(List.of(params));
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        FuseDisk disk = new FuseDisk(mnt, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(disk.file)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                disk.close();
                fail("nbdfuse did not mount " + disk.file + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")"));
            }
            Thread.sleep(50);
        }
        return disk;
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", mountpoint.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(10, TimeUnit.SECONDS);
        if (!nbdfuse.waitFor(10, TimeUnit.SECONDS)) {
            nbdfuse.destroyForcibly();
        }
    }
}
