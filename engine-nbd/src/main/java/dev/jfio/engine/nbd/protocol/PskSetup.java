package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * TLS-PSK credentials: the key of one user from a PSK file in nbdkit's and psktool's format, lines
 * {@code username:hexkey}. The user is the one the URI names ({@code nbds://alice@...}), else the
 * current user, as libnbd does; GnuTLS servers take the username as the PSK identity.
 *
 * <p>Thread contract: immutable.
 */
final class PskSetup extends TlsSetup {
    static final String OPTION = "tls-psk-file / tls_psk_file";

    private final String user;
    private final byte[] key;

    private PskSetup(String user, byte[] key) {
        this.user = user;
        this.key = key;
    }

    static PskSetup load(TlsSettings s) throws IOException {
        Path file = s.pskFile();
        String user = s.username() != null ? s.username() : System.getProperty("user.name");
        String text = new String(PemFiles.read(file, "PSK", OPTION), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.lastIndexOf(':');
            String where = file + ":" + (i + 1);
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IOException("PSK file " + where + " is not in the form username:hexkey (" + OPTION + ")");
            }
            byte[] k;
            try {
                k = HexFormat.of().parseHex(line.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IOException("PSK file " + where + ": the key is not hexadecimal (" + OPTION
                        + "; lines are username:hexkey)");
            }
            if (line.substring(0, colon).equals(user)) {
                if (k.length == 0) {
                    throw new IOException("PSK file " + where + ": the key of user " + user + " is empty");
                }
                return new PskSetup(user, k);
            }
        }
        throw new IOException("PSK file " + file + " has no key for user " + user
                + " (name the user in the URI, nbds://USER@host/, or add a line " + user + ":hexkey)");
    }

    @Override
    TlsCodec newCodec(String server) throws IOException {
        return new PskTlsCodec(
                user,
                key,
                new TlsFailures(
                        server,
                        ": the server rejected the PSK for user " + user
                                + " (is the user in the server's PSK file, with the same key?)"));
    }
}
