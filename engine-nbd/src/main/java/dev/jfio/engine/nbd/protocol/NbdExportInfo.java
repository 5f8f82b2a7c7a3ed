package dev.jfio.engine.nbd.protocol;

/**
 * What a server told the client about an export during the handshake.
 *
 * @param size export size in bytes
 * @param flags transmission flags ({@code Nbd.TF_*})
 * @param minBlockSize smallest request granularity (1 when not advertised)
 * @param preferredBlockSize preferred request size (4096 when not advertised)
 * @param maxRequestSize largest payload of one request ({@link Nbd#DEFAULT_MAX_REQUEST} when not advertised)
 * @param blockSizesAdvertised whether the server sent NBD_INFO_BLOCK_SIZE
 * @param structuredReplies whether structured replies were negotiated
 * @param usedGo whether NBD_OPT_GO was used (false: NBD_OPT_EXPORT_NAME fallback)
 * @param description the export description the server sent, or null
 * @param tls the TLS negotiated before the options, {@link TlsSession#NONE} for plaintext
 * @param baseAllocationContext the meta context id the server gave {@code base:allocation} for
 *     NBD_CMD_BLOCK_STATUS, or -1 when none was negotiated
 */
public record NbdExportInfo(
        long size,
        int flags,
        int minBlockSize,
        int preferredBlockSize,
        int maxRequestSize,
        boolean blockSizesAdvertised,
        boolean structuredReplies,
        boolean usedGo,
        String description,
        TlsSession tls,
        int baseAllocationContext) {

    /** Whether the server sets the transmission flag {@code flag}. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The flags as hex with names. */
    public String describeFlags() {
        return Nbd.describeFlags(flags);
    }

    /** Block sizes as {@code min/preferred/max}, marked when the server did not advertise them. */
    public String describeBlockSizes() {
        return minBlockSize + "/" + preferredBlockSize + "/" + maxRequestSize
                + (blockSizesAdvertised ? "" : " (not advertised; defaults)");
    }
}
