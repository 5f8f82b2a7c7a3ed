package dev.jfio.engine.nbd.protocol;

import java.nio.charset.StandardCharsets;

/**
 * One reply of the server to an option during the handshake.
 *
 * @param type the reply type ({@code Nbd.REP_*})
 * @param data the reply's payload
 */
record OptionReply(int type, byte[] data) {
    /** Whether the server refused the option. */
    boolean isError() {
        return (type & Nbd.REP_FLAG_ERROR) != 0;
    }

    /** The server's explanation of a refusal ("" for other replies). */
    String text() {
        return isError() ? new String(data, StandardCharsets.UTF_8) : "";
    }
}
