package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real NBD server process started by a test (nbdkit, qemu-nbd or nbd-server) on a private unix
 * socket or on 127.0.0.1. When the binary is missing the test is aborted with the Debian package
 * to install, except under {@code CI=true}, where it fails.
 */
public final class ServerFixture implements AutoCloseable {
    private final Process process;
    private final NbdEndpoint endpoint;
    private final Path log;
    private Path pidFile;

    private ServerFixture(Process process, NbdEndpoint endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    public NbdEndpoint endpoint() {
        return endpoint;
    }

    public String uri() {
        return endpoint.toUri();
    }

    /** nbdkit memory plugin of {@code size} bytes on a unix socket in {@code dir}; {@code extra} go before the plugin. */
    public static ServerFixture nbdkitUnix(Path dir, String size, String... extra) throws IOException {
        Path sock = dir.resolve("nbdkit.sock");
        List<String> cmd = new ArrayList<>(List.of("nbdkit", "-f", "-U", sock.toString()));
        addNbdkitArgs(cmd, size, extra);
        return start("nbdkit", "nbdkit", cmd, dir, NbdEndpoint.unix(sock, ""));
    }

    /** nbdkit with any plugin ({@code pluginAndArgs}: the plugin, then its key=value parameters) on a unix socket in {@code dir}. */
    public static ServerFixture nbdkitPluginUnix(Path dir, String... pluginAndArgs) throws IOException {
        Path sock = dir.resolve("nbdkit.sock");
        List<String> cmd = new ArrayList<>(List.of("nbdkit", "-f", "-U", sock.toString()));
        cmd.addAll(List.of(pluginAndArgs));
        return start("nbdkit", "nbdkit", cmd, dir, NbdEndpoint.unix(sock, ""));
    }

    /** nbdkit memory plugin on 127.0.0.1 at a free port. */
    public static ServerFixture nbdkitTcp(Path dir, String size, String... extra) throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of("nbdkit", "-f", "-i", "127.0.0.1", "-p", String.valueOf(port)));
        addNbdkitArgs(cmd, size, extra);
        return start("nbdkit", "nbdkit", cmd, dir, NbdEndpoint.tcp("127.0.0.1", port, ""));
    }

    /** Options (starting with '-') go before the plugin, key=value parameters after it. */
    private static void addNbdkitArgs(List<String> cmd, String size, String... extra) {
        List<String> params = new ArrayList<>();
        for (String a : extra) {
            if (a.startsWith("-")) {
                cmd.add(a);
            } else {
                params.add(a);
            }
        }
        cmd.add("memory");
        cmd.add("size=" + size);
        cmd.addAll(params);
    }

    /** qemu-nbd serving a new raw file of {@code size} bytes as export {@code export}, persistent (-t), with -e {@code shared}. */
    public static ServerFixture qemuNbd(Path dir, long size, String export, int shared) throws IOException {
        Path image = rawImage(dir.resolve("qemu.img"), size);
        Path sock = dir.resolve("qemu.sock");
        List<String> cmd = List.of(
                "qemu-nbd",
                "-t",
                "-f",
                "raw",
                "-k",
                sock.toString(),
                "-x",
                export,
                "-e",
                String.valueOf(shared),
                image.toString());
        return start("qemu-nbd", "qemu-utils", cmd, dir, NbdEndpoint.unix(sock, export));
    }

    /**
     * qemu-nbd serving an existing raw file as the default export, persistent (-t), with
     * {@code options} before the file (e.g. {@code --cache=none --aio=io_uring}).
     */
    public static ServerFixture qemuNbdOf(Path image, Path dir, String... options) throws IOException {
        Path sock = dir.resolve("qemu.sock");
        List<String> cmd = new ArrayList<>(List.of("qemu-nbd", "-t", "-f", "raw", "-k", sock.toString()));
        cmd.addAll(List.of(options));
        cmd.add(image.toString());
        return start("qemu-nbd", "qemu-utils", cmd, dir, NbdEndpoint.unix(sock, ""));
    }

    /** nbd-server 3.24 in the foreground (-d) with a config file exporting a new raw file as "disk". */
    public static ServerFixture nbdServer(Path dir, long size, boolean tcp) throws IOException {
        Path image = rawImage(dir.resolve("nbd-server.img"), size);
        Path sock = dir.resolve("nbd-server.sock");
        int port = tcp ? freePort() : 0;
        String generic =
                tcp ? "    listenaddr = 127.0.0.1\n    port = " + port + "\n" : "    unixsock = " + sock + "\n";
        String config = "[generic]\n" + generic + "    allowlist = true\n" + "[disk]\n    exportname = " + image
                + "\n    flush = true\n    fua = true\n    trim = true\n";
        Path conf = dir.resolve("nbd-server.conf");
        Files.writeString(conf, config);
        // -d would keep it in the foreground but then it serves a single connection and exits,
        // so it daemonizes (forking per client) and the pid file tells whom to stop
        Path pidFile = dir.resolve("nbd-server.pid");
        List<String> cmd = List.of("nbd-server", "-C", conf.toString(), "-p", pidFile.toString());
        NbdEndpoint e = tcp ? NbdEndpoint.tcp("127.0.0.1", port, "disk") : NbdEndpoint.unix(sock, "disk");
        ServerFixture f = start("nbd-server", "nbd-server", cmd, dir, e);
        f.pidFile = pidFile;
        return f;
    }

    static Path rawImage(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    /** Whether {@code binary} is on the PATH; when not, aborts (or fails under CI) naming {@code pkg}. */
    public static void requireBinary(String binary, String pkg) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return;
            }
        }
        String message = binary + " is not installed (Debian package " + pkg + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    private static ServerFixture start(String binary, String pkg, List<String> cmd, Path dir, NbdEndpoint endpoint)
            throws IOException {
        requireBinary(binary, pkg);
        Path log = dir.resolve(binary + ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerFixture f = new ServerFixture(p, endpoint, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive() && (p.exitValue() != 0 || !binary.equals("nbd-server"))) {
                String out = Files.readString(log, StandardCharsets.UTF_8);
                throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + out.trim());
            }
            if (listening(endpoint) && (!binary.equals("nbd-server") || Files.exists(dir.resolve("nbd-server.pid")))) {
                return f;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        f.close();
        throw new IOException(String.join(" ", cmd) + " did not start listening within 10 s");
    }

    private static boolean listening(NbdEndpoint e) {
        if (e.isUnix()) {
            if (!Files.exists(e.socketPath())) {
                return false;
            }
            // the file appears at bind(), before listen(): only a connection proves the server is ready
            // (qemu-nbd is started with -t, so a probe does not end it)
            try (SocketChannel c = rawConnect(e)) {
                return c.isConnected();
            } catch (IOException ex) {
                return false;
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(e.host(), e.port()), 200);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Connects a raw socket (for tests that hold a connection open). */
    static SocketChannel rawConnect(NbdEndpoint e) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(e.socketPath()));
        return c;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** How many lines of the server's output contain {@code text}. */
    public long logLines(String text) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    /** Stops the server with SIGKILL, as a crash would; {@link #uri()} still names where it was. */
    public void kill() {
        close();
    }

    @Override
    public void close() {
        if (pidFile != null) {
            try {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                    h.onExit()
                            .orTimeout(10, TimeUnit.SECONDS)
                            .exceptionally(t -> h)
                            .join();
                });
            } catch (IOException | NumberFormatException e) {
                // no daemon to stop
            }
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
