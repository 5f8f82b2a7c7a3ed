package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time limits hold over TLS (its waits bound themselves, no watchdog): request_timeout and the
 * job's end against nbdkit's delay filter behind TLS.
 */
class TlsTimeLimitsTest {
    @TempDir
    Path dir;

    private ServerFixture slowServer(TestCredentials pki) throws IOException {
        return ServerFixture.nbdkitUnix(
                dir, "16M", "--tls=require", "--tls-certificates=" + pki.serverDir(), "--filter=delay", "rdelay=5");
    }

    private static NbdConnection.Options tls(TestCredentials pki) {
        return new NbdConnection.Options()
                .tls(new TlsSettings(TlsSettings.Kind.X509, pki.clientDir(), true, null, null, null));
    }

    @Test
    void requestTimeoutEndsASlowReadOverTls() throws IOException {
        TestCredentials pki = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture s = slowServer(pki)) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try (NbdConnection c = NbdConnection.connect(s.endpoint(), tls(pki).requestTimeout(300_000_000L))) {
                    long start = System.nanoTime();
                    IOException e =
                            assertThrows(IOException.class, () -> c.read(0, ByteBuffer.allocateDirect(4096), 4096));
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(e.getMessage().contains("sent no reply within 0.3 s (request_timeout)"), e.getMessage());
                    assertTrue(ms >= 280 && ms < 2000, "timed out after " + ms + " ms");
                    assertTrue(c.timedOut());
                    assertEquals(Errno.ETIMEDOUT, c.error(c.abandon()));
                }
            });
        }
    }

    @Test
    void theJobsEndCutsAPipelinedWaitOverTls() throws IOException {
        TestCredentials pki = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture s = slowServer(pki)) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try (NbdConnection c = NbdConnection.connect(s.endpoint(), tls(pki).slots(4))) {
                    for (int i = 0; i < 4; i++) {
                        c.submit(i, Nbd.CMD_READ, 0, i * 4096L, 4096, ByteBuffer.allocateDirect(4096));
                    }
                    c.sendQueued();
                    long start = System.nanoTime();
                    assertThrows(IOException.class, () -> c.nextCompletionBy(start + 400_000_000L));
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(ms >= 380 && ms < 2000, "cut after " + ms + " ms");
                    assertTrue(c.timedOut());
                }
            });
        }
    }
}
