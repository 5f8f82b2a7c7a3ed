package dev.jfio.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * A histogram as text, the way HdrHistogram's log lines hold one and jfio's JSON carries it under
 * {@code "hdr_histograms"}: compressed, then base64. Stateless; any thread. Not for the I/O path.
 */
public final class HistogramText {
    private HistogramText() {}

    /** {@code h} compressed and base64-encoded. */
    public static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer, Deflater.DEFAULT_COMPRESSION);
        byte[] bytes = new byte[length];
        buffer.rewind();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The histogram {@link #encode} wrote.
     *
     * @throws IllegalArgumentException when {@code base64} does not hold one, with the reason
     */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("an encoded histogram that cannot be decoded (" + e.getMessage() + ")");
        }
    }
}
