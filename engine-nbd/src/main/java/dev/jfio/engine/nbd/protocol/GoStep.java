package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * NBD_OPT_GO with requests for NBD_INFO_EXPORT, NBD_INFO_BLOCK_SIZE and NBD_INFO_DESCRIPTION:
 * enters the export, or explains the refusal (an unknown export lists what the server offers).
 * NBD_REP_ERR_UNSUP records nothing, leaving NBD_OPT_EXPORT_NAME to the next step. Stateless.
 */
final class GoStep implements OptionStep {
    @Override
    public boolean applies(Negotiation n) {
        return n.fixed;
    }

    @Override
    public void negotiate(Negotiation n) throws IOException {
        byte[] name = n.endpoint.exportName().getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(4 + name.length + 2 + 6);
        data.putInt(name.length)
                .put(name)
                .putShort((short) 3)
                .putShort((short) Nbd.INFO_EXPORT)
                .putShort((short) Nbd.INFO_BLOCK_SIZE)
                .putShort((short) Nbd.INFO_DESCRIPTION);
        n.channel.send(Nbd.OPT_GO, data.array());
        long size = -1;
        boolean sized = false;
        int flags = 0;
        int min = 1, pref = 4096, max = Nbd.DEFAULT_MAX_REQUEST;
        boolean advertised = false;
        String description = null;
        while (true) {
            OptionReply r = n.channel.read(Nbd.OPT_GO);
            if (r.type() == Nbd.REP_ACK) {
                break;
            }
            if (r.type() == Nbd.REP_INFO) {
                byte[] d = r.data();
                if (d.length < 2) {
                    throw new IOException(n.server() + " sent a malformed NBD_REP_INFO");
                }
                ByteBuffer b = ByteBuffer.wrap(d);
                int infoType = b.getShort() & 0xffff;
                if (infoType == Nbd.INFO_EXPORT && d.length >= 12) {
                    size = b.getLong();
                    flags = b.getShort() & 0xffff;
                    sized = true;
                    checkSize(n, size);
                } else if (infoType == Nbd.INFO_BLOCK_SIZE && d.length >= 14) {
                    min = b.getInt();
                    pref = b.getInt();
                    max = b.getInt();
                    advertised = true;
                } else if (infoType == Nbd.INFO_DESCRIPTION) {
                    description = new String(d, 2, d.length - 2, StandardCharsets.UTF_8);
                }
                continue;
            }
            if (r.isError()) {
                refused(n, r);
                return;
            }
            // other reply types to GO are ignored, as the spec allows
        }
        if (!sized) {
            throw new IOException(n.server() + " finished NBD_OPT_GO without NBD_INFO_EXPORT");
        }
        if (max <= 0 || max > Nbd.DEFAULT_MAX_REQUEST && !advertised) {
            max = Nbd.DEFAULT_MAX_REQUEST;
        }
        n.export = new NbdExportInfo(
                size,
                flags,
                Math.max(1, min),
                pref,
                max,
                advertised,
                n.structuredReplies,
                true,
                description,
                n.tls,
                n.baseAllocationContext);
    }

    /** Returns for NBD_REP_ERR_UNSUP (the next step tries the old way); throws for every other refusal. */
    private static void refused(Negotiation n, OptionReply r) throws IOException {
        if (r.type() == Nbd.REP_ERR_UNSUP) {
            return;
        }
        if (r.type() == Nbd.REP_ERR_UNKNOWN) {
            throw new IOException(ExportLister.unknownExport(n, r.text()));
        }
        if (r.type() == Nbd.REP_ERR_TLS_REQD) {
            throw new IOException(n.server() + " requires TLS: use an nbds:// or nbds+unix:// URI (or tls=require)"
                    + " with tls-certificates=DIR / tls_certificates=DIR, or tls-psk-file=FILE / tls_psk_file=FILE");
        }
        throw new IOException(n.server() + " refused export '" + n.endpoint.exportName() + "': "
                + Nbd.optionErrorName(r.type()) + (r.text().isEmpty() ? "" : " (" + r.text() + ")"));
    }

    /** An export size is unsigned on the wire; jfio addresses at most {@link Long#MAX_VALUE} bytes. */
    static void checkSize(Negotiation n, long size) throws IOException {
        if (size < 0) {
            throw new IOException(n.server() + " announced an export of " + Long.toUnsignedString(size)
                    + " bytes, more than jfio can address");
        }
    }
}
