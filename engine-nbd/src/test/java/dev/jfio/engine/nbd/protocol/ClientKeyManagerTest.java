package dev.jfio.engine.nbd.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jfio.engine.nbd.TestCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client certificate goes to JSSE for the key types and CAs the server asks for, and only then. */
class ClientKeyManagerTest {
    @TempDir
    Path dir;

    private X509Certificate[] chain;
    private PrivateKey key;
    private ClientKeyManager manager;

    @BeforeEach
    void load() throws IOException {
        Path client = TestCredentials.make(dir).clientDir();
        String option = X509Setup.OPTION;
        chain = PemFiles.certificates(client.resolve("client-cert.pem"), option).toArray(new X509Certificate[0]);
        key = PemFiles.privateKey(client.resolve("client-key.pem"), option);
        manager = new ClientKeyManager(chain, key);
    }

    @Test
    void offersTheCertificateForItsKeyTypeAndIssuer() {
        Principal[] issuers = {new X500Principal("CN=someone else"), chain[0].getIssuerX500Principal()};
        String alias = manager.chooseEngineClientAlias(new String[] {"RSA", "EC"}, issuers, null);
        assertEquals("client", alias);
        assertArrayEquals(chain, manager.getCertificateChain(alias));
        assertSame(key, manager.getPrivateKey(alias));
    }

    @Test
    void offersTheCertificateWhenTheServerNamesNoCa() {
        assertEquals("client", manager.chooseEngineClientAlias(new String[] {"EC"}, null, null));
        assertEquals("client", manager.chooseEngineClientAlias(new String[] {"EC"}, new Principal[0], null));
    }

    @Test
    void withholdsTheCertificateFromAServerWantingAnotherCaOrKeyType() {
        assertNull(manager.chooseEngineClientAlias(
                new String[] {"EC"}, new Principal[] {new X500Principal("CN=someone else")}, null));
        assertNull(manager.chooseEngineClientAlias(new String[] {"RSA", "EdDSA"}, null, null));
        assertNull(manager.getPrivateKey("other"));
        assertNull(manager.chooseServerAlias("EC", null, null));
    }
}
