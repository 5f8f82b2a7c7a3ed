package dev.jfio.engines;

import dev.jfio.engine.nbd.NbdEngineProvider;
import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testkit.EngineBehaviour;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The engine contract for {@code nbd}: against its embedded memory server, and against nbdkit. */
class NbdEngineContractTest {

    private static HarnessBuilder unreachable(HarnessBuilder job) {
        return job.option("sockname", "/nonexistent/jfio-contract/nbd.sock");
    }

    /** No server named: the engine starts its embedded memory server. */
    @Nested
    class EmbeddedServer extends EngineContractTest {
        @Override
        protected IoEngineProvider provider() {
            return new NbdEngineProvider();
        }

        /** Setup fixes the export's size. */
        @Override
        protected boolean hasBehaviour(EngineBehaviour behaviour) {
            return behaviour == EngineBehaviour.FIXED_SIZE || super.hasBehaviour(behaviour);
        }

        @Override
        protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
            return unreachable(job);
        }
    }

    /** nbdkit's memory plugin on a private unix socket. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Nbdkit extends EngineContractTest {
        private ServerFixture nbdkit;

        @BeforeAll
        void startNbdkit(@TempDir Path dir) throws IOException {
            nbdkit = ServerFixture.nbdkitUnix(dir, "16M");
        }

        @AfterAll
        void stopNbdkit() {
            if (nbdkit != null) {
                nbdkit.close();
            }
        }

        @Override
        protected IoEngineProvider provider() {
            return new NbdEngineProvider();
        }

        /** Setup fixes the export's size. */
        @Override
        protected boolean hasBehaviour(EngineBehaviour behaviour) {
            return behaviour == EngineBehaviour.FIXED_SIZE || super.hasBehaviour(behaviour);
        }

        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return job.option("sockname", nbdkit.endpoint().socketPath().toString());
        }

        @Override
        protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
            return unreachable(job);
        }
    }
}
