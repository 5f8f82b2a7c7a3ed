package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void makesTheFilesNbdkitAndLibnbdLookFor() throws Exception {
        TestCredentials c = TestCredentials.make(dir);
        for (String f : new String[] {"ca-cert.pem", "server-cert.pem", "server-key.pem"}) {
            assertTrue(Files.size(c.serverDir().resolve(f)) > 0, f);
        }
        for (String f : new String[] {"ca-cert.pem", "client-cert.pem", "client-key.pem"}) {
            assertTrue(Files.size(c.clientDir().resolve(f)) > 0, f);
        }
        String line = Files.readString(TestCredentials.pskFile(dir.resolve("keys.psk"), "alice"))
                .trim();
        assertTrue(line.matches("alice:[0-9a-f]{64}"), line);
        assertEquals(
                2, Files.readString(c.serverDir().resolve("server-cert.pem")).split("BEGIN").length);
    }
}
