package dev.jfio.engines;

import dev.jfio.engine.nbd.NbdEngineProvider;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testing.EngineContractTest;
import dev.jfio.testing.EngineHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The engine contract for {@code nbd}: against its embedded memory server, and against nbdkit. */
class NbdEngineContractTest {

    private static EngineHarness.Builder unreachable(EngineHarness.Builder job) {
        return job.option("sockname", "/nonexistent/jfio-contract/nbd.sock");
    }

    /** No server named: the engine starts its embedded memory server. */
    @Nested
    class EmbeddedServer extends EngineContractTest {
        @Override
        protected IoEngineProvider provider() {
            return new NbdEngineProvider();
        }

        @Override
        protected EngineHarness.Builder failingConfiguration(EngineHarness.Builder job) {
            return unreachable(job);
        }
    }

    /** nbdkit's memory plugin on a private unix socket. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Nbdkit extends EngineContractTest {
        private Path dir;
        private Process nbdkit;
        private Path socket;

        @BeforeAll
        void startNbdkit() throws IOException, InterruptedException {
            boolean installed = Files.isExecutable(Path.of("/usr/bin/nbdkit"))
                || Files.isExecutable(Path.of("/usr/sbin/nbdkit"));
            if (!installed) {
                String message = "nbdkit is not installed (Debian package nbdkit)";
                if ("true".equals(System.getenv("CI"))) {
                    Assertions.fail(message);
                }
                Assumptions.abort(message);
            }
            dir = Files.createTempDirectory("jfio-nbd-contract-");
            socket = dir.resolve("nbdkit.sock");
            nbdkit = new ProcessBuilder("nbdkit", "-f", "-U", socket.toString(), "memory", "size=16M")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nbdkit.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                if (!nbdkit.isAlive() || System.nanoTime() > deadline) {
                    Assertions.fail("nbdkit did not start: " + Files.readString(dir.resolve("nbdkit.log")));
                }
                Thread.sleep(20);
            }
        }

        @AfterAll
        void stopNbdkit() throws InterruptedException, IOException {
            if (nbdkit != null) {
                nbdkit.destroyForcibly();
                nbdkit.waitFor(10, TimeUnit.SECONDS);
            }
            if (dir != null) {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(dir.resolve("nbdkit.log"));
                Files.deleteIfExists(dir);
            }
        }

        @Override
        protected IoEngineProvider provider() {
            return new NbdEngineProvider();
        }

        @Override
        protected EngineHarness.Builder configure(EngineHarness.Builder job) {
            return job.option("sockname", socket.toString());
        }

        @Override
        protected EngineHarness.Builder failingConfiguration(EngineHarness.Builder job) {
            return unreachable(job);
        }
    }
}
