package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsRequest;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.JobView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges the TLS engine options ({@code tls}, {@code tls_certificates}, {@code tls_verify_peer},
 * {@code tls_hostname}, {@code tls_psk_file}, {@code tls_username}) into the TLS wish of the
 * endpoint (its URI's scheme and query), and describes the TLS in use for the report.
 *
 * <p>Rules: {@code tls=on} asks for TLS whatever the URI's scheme (a plaintext {@code nbd://} URI
 * is upgraded; TLS never silently turns off); {@code tls=off} against an {@code nbds} URI is a
 * conflict; a detail option without TLS asked for anywhere is an error; a detail given by both
 * the URI and an option must agree. Stateless; any thread.
 */
final class TlsOptions {
    private TlsOptions() {}

    /**
     * The endpoint with the job's TLS options applied; {@code endpoint} null means no server was
     * named (the embedded memory server, which has no TLS).
     *
     * @throws IOException with a one-line message on conflicts and misuse
     */
    static NbdEndpoint apply(JobView job, NbdEndpoint endpoint) throws IOException {
        Boolean tls = null;
        if (job.isSet(NbdOptions.TLS)) {
            String v = job.get(NbdOptions.TLS);
            tls = v.equals("on") || v.equals("require") || v.equals("1");
        }
        Path certificates = path(job, NbdOptions.TLS_CERTIFICATES);
        Boolean verifyPeer = job.isSet(NbdOptions.TLS_VERIFY_PEER) ? job.get(NbdOptions.TLS_VERIFY_PEER) : null;
        String hostname = text(job, NbdOptions.TLS_HOSTNAME);
        Path pskFile = path(job, NbdOptions.TLS_PSK_FILE);
        String username = text(job, NbdOptions.TLS_USERNAME);
        TlsRequest options = new TlsRequest(false, certificates, verifyPeer, hostname, pskFile, username);
        if (tls == null && !options.hasDetails()) {
            return endpoint;
        }
        String firstDetail = firstDetail(job);
        if (endpoint == null) {
            throw new IOException("nbd: " + (tls != null ? "tls=" + job.get(NbdOptions.TLS) : firstDetail)
                    + " needs a server: give uri, sockname or host (the embedded memory server has no TLS)");
        }
        TlsRequest fromUri = endpoint.tls();
        if (Boolean.FALSE.equals(tls)) {
            if (fromUri.required()) {
                throw new IOException("nbd: tls=" + job.get(NbdOptions.TLS) + " conflicts with the TLS uri "
                        + endpoint.toUri() + ": drop tls=off or write nbd:// (nbd+unix://)");
            }
            if (options.hasDetails()) {
                throw new IOException("nbd: " + firstDetail + " asks for TLS but tls=" + job.get(NbdOptions.TLS)
                        + ": drop one of them");
            }
            return endpoint;
        }
        boolean required = Boolean.TRUE.equals(tls) || fromUri.required();
        if (!required) {
            throw new IOException(
                    "nbd: " + firstDetail + " needs TLS: add tls=on, or use an nbds:// " + "(nbds+unix://) uri");
        }
        try {
            TlsRequest merged = new TlsRequest(
                            true,
                            TlsRequest.pick(
                                    fromUri.certificates(), "tls-certificates", certificates, "tls_certificates"),
                            TlsRequest.pick(fromUri.verifyPeer(), "tls-verify-peer", verifyPeer, "tls_verify_peer"),
                            TlsRequest.pick(fromUri.hostname(), "tls-hostname", hostname, "tls_hostname"),
                            TlsRequest.pick(fromUri.pskFile(), "tls-psk-file", pskFile, "tls_psk_file"),
                            TlsRequest.pick(fromUri.username(), "tls-username (user@)", username, "tls_username"))
                    .validate();
            return endpoint.withTls(merged);
        } catch (IllegalArgumentException e) {
            throw new IOException("nbd: " + e.getMessage());
        }
    }

    /**
     * The report's TLS properties besides {@code tls} itself: the certificate directory (the
     * default libnbd would use, when none is named) or the PSK file and user.
     */
    static Map<String, String> describe(TlsSettings settings) {
        Map<String, String> p = new LinkedHashMap<>();
        if (settings.kind() == TlsSettings.Kind.X509) {
            p.put(
                    "tls_certificates",
                    settings.certificatesDir() != null
                            ? settings.certificatesDir().toString()
                            : defaultCertificatesDir() + " (default)");
            if (!settings.verifyPeer()) {
                p.put("tls_verify_peer", "no");
            }
        } else if (settings.kind() == TlsSettings.Kind.PSK) {
            p.put("tls_psk_file", settings.pskFile().toString());
            p.put("tls_username", settings.username() != null ? settings.username() : System.getProperty("user.name"));
        }
        return p;
    }

    /** libnbd's default: {@code $HOME/.pki/libnbd} when it exists, else {@code /etc/pki/libnbd}. */
    static Path defaultCertificatesDir() {
        // as the TLS layer resolves it (X509Setup)
        Path home = Path.of(System.getProperty("user.home"), ".pki", "libnbd");
        return Files.isDirectory(home) ? home : Path.of("/etc/pki/libnbd");
    }

    private static String firstDetail(JobView job) {
        for (EngineOption<?> o : new EngineOption<?>[] {
            NbdOptions.TLS_CERTIFICATES,
            NbdOptions.TLS_VERIFY_PEER,
            NbdOptions.TLS_HOSTNAME,
            NbdOptions.TLS_PSK_FILE,
            NbdOptions.TLS_USERNAME
        }) {
            if (job.isSet(o)) {
                return o.name() + "=" + job.get(o);
            }
        }
        return "tls";
    }

    private static Path path(JobView job, EngineOption<String> option) {
        String v = text(job, option);
        return v == null ? null : Path.of(v);
    }

    private static String text(JobView job, EngineOption<String> option) {
        String v = job.get(option);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
