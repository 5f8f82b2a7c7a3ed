package dev.jfio.engine.nbd.protocol;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client certificate of {@code client-cert.pem} with its key, handed to JSSE as they are. A
 * {@code KeyManagerFactory} would want them in a {@code KeyStore}, and a PKCS#12 store encrypts the
 * key with PBKDF2 (10,000 rounds of HMAC-SHA-256) and decrypts it again: half a second of CPU per
 * job while the JIT has not compiled SHA-256 yet, on the job's own thread. Like JSSE's SunX509
 * manager it offers the certificate when the key type is one the server accepts and, when the
 * server names CAs, one of them issued a certificate of the chain.
 *
 * <p>Thread contract: immutable; JSSE may call it from any thread.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";

    private final X509Certificate[] chain;
    private final PrivateKey key;

    ClientKeyManager(X509Certificate[] chain, PrivateKey key) {
        this.chain = chain.clone();
        this.key = key;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        if (keyTypes == null || !Arrays.asList(keyTypes).contains(keyType())) {
            return null;
        }
        if (issuers == null || issuers.length == 0) {
            return ALIAS;
        }
        List<Principal> wanted = Arrays.asList(issuers);
        for (X509Certificate c : chain) {
            if (wanted.contains(c.getIssuerX500Principal())) {
                return ALIAS;
            }
        }
        return null;
    }

    /** The key type as JSSE names it in {@code keyTypes}: "EC", "RSA", "RSASSA-PSS", "EdDSA". */
    private String keyType() {
        String a = chain[0].getPublicKey().getAlgorithm();
        return a.equals("Ed25519") || a.equals("Ed448") ? "EdDSA" : a;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return chooseClientAlias(new String[] {keyType}, issuers, null) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }
}
