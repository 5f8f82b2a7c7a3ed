package dev.jfio.nbd;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An nbdkit or qemu-nbd process started by a test on a private unix socket; its output goes to a
 * log file the test can read. A missing binary aborts the test, or fails it under {@code CI=true}.
 */
final class NbdServerProcess implements AutoCloseable {
    private final Process process;
    private final Path socket;
    private final String export;
    private final Path log;

    private NbdServerProcess(Process process, Path socket, String export, Path log) {
        this.process = process;
        this.socket = socket;
        this.export = export;
        this.log = log;
    }

    /** nbdkit in the foreground: {@code args} are filters, options and the plugin with its parameters. */
    static NbdServerProcess nbdkit(Path dir, String... args) throws IOException {
        Path sock = dir.resolve("nbdkit.sock");
        List<String> cmd = new ArrayList<>(List.of("nbdkit", "-f", "-U", sock.toString()));
        cmd.addAll(List.of(args));
        return start("nbdkit", "nbdkit", cmd, dir, sock, "");
    }

    /** qemu-nbd serving a new raw file of {@code size} bytes as export "disk", persistent, -e 4. */
    static NbdServerProcess qemuNbd(Path dir, long size) throws IOException {
        Path image = dir.resolve("qemu.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(size);
        }
        Path sock = dir.resolve("qemu.sock");
        List<String> cmd = List.of("qemu-nbd", "-t", "-f", "raw", "-k", sock.toString(), "-x", "disk", "-e", "4",
            image.toString());
        return start("qemu-nbd", "qemu-utils", cmd, dir, sock, "disk");
    }

    static void requireBinary(String binary, String pkg) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return;
            }
        }
        String message = binary + " is not installed (Debian package " + pkg + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    private static NbdServerProcess start(String binary, String pkg, List<String> cmd, Path dir, Path sock,
                                          String export) throws IOException {
        requireBinary(binary, pkg);
        Path log = dir.resolve(binary + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NbdServerProcess s = new NbdServerProcess(p, sock, export, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8).trim());
            }
            if (Files.exists(sock)) {
                try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    c.connect(UnixDomainSocketAddress.of(sock));
                    return s;
                } catch (IOException e) {
                    // bound but not listening yet
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        s.close();
        throw new IOException(String.join(" ", cmd) + " did not start listening within 10 s");
    }

    String uri() {
        return "nbd+unix:///" + export + "?socket=" + socket;
    }

    /** SIGKILL, as a crash would. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many lines of the server's output contain {@code text}. */
    long logLines(String text) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
