package dev.jfio.engine.nbd.protocol;

import java.io.IOException;

/**
 * One step of the option haggling (NBD_OPT_STRUCTURED_REPLY, NBD_OPT_GO, ...). The
 * {@link Handshake} takes its steps in order until one enters an export; a step that the server
 * refuses in a way the client can live with records nothing and lets the next step try. New options
 * (STARTTLS before the others, SET_META_CONTEXT before GO) are new steps.
 *
 * <p>Thread contract: implementations are stateless; the connecting thread calls them.
 */
interface OptionStep {
    /** Whether this step is taken, given what was negotiated so far. */
    boolean applies(Negotiation n);

    /**
     * Sends the option and reads its replies, recording the outcome in {@code n}.
     *
     * @throws java.io.IOException with a one-line message when the server refuses in a way that ends
     *     the handshake, or breaks the protocol
     */
    void negotiate(Negotiation n) throws IOException;
}
