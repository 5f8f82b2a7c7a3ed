package dev.jfio.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * {@code --inflate-log=FILE}: prints the text of a log stored with {@code log_store_compressed}, as
 * fio's {@code iolog_file_inflate} does: the file is a sequence of zlib streams, each holding whole
 * binary samples (fio's {@code struct io_sample}, with the offset when the first sample's direction
 * carries fio's offset bit), which are printed as {@code flush_samples} prints them. Reads fio's
 * files as well as jfio's. Stateless.
 */
public final class LogInflater {
    private LogInflater() {}

    /**
     * @throws IOException when the file cannot be read or is not a sequence of zlib streams (the
     *     message says which)
     */
    public static void inflate(Path file, OutputStream out) throws IOException {
        byte[] in = Files.readAllBytes(file);
        byte[] buf = new byte[64 * 1024];
        int offset = 0;
        Inflater inflater = new Inflater();
        try {
            while (offset < in.length) {
                inflater.reset();
                inflater.setInput(in, offset, in.length - offset);
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                while (!inflater.finished()) {
                    int n = inflater.inflate(buf);
                    if (n > 0) {
                        stream.write(buf, 0, n);
                    } else if (inflater.needsInput()) {
                        throw new IOException(file + ": truncated compressed log (a zlib stream ends early)");
                    } else if (inflater.needsDictionary()) {
                        throw new IOException(file + ": not a compressed fio log (zlib dictionary required)");
                    }
                }
                out.write(format(stream.toByteArray()).getBytes(StandardCharsets.US_ASCII));
                offset = in.length - inflater.getRemaining();
            }
        } catch (DataFormatException e) {
            throw new IOException(file + ": not a compressed fio log (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        out.flush();
    }

    /** fio's flush_samples over one stream's samples. */
    static String format(byte[] samples) {
        if (samples.length < LogOutput.SAMPLE) {
            return "";
        }
        ByteBuffer b = ByteBuffer.wrap(samples).order(ByteOrder.LITTLE_ENDIAN);
        long firstDir = b.getInt(16) & 0xffffffffL;
        boolean withOffset = (firstDir & LogOutput.OFFSET_BIT) != 0;
        boolean prio = (firstDir & LogOutput.PRIO_BIT) != 0;
        int size = withOffset ? LogOutput.SAMPLE_WITH_OFFSET : LogOutput.SAMPLE;
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at + size <= samples.length; at += size) {
            long time = b.getLong(at);
            long value = b.getLong(at + 8);
            long dir = b.getInt(at + 16) & 0xffffffffL & ~(LogOutput.OFFSET_BIT | LogOutput.PRIO_BIT);
            int priority = b.getShort(at + 20) & 0xffff;
            long bs = b.getLong(at + 24);
            sb.append(time)
                    .append(", ")
                    .append(value)
                    .append(", ")
                    .append(dir)
                    .append(", ")
                    .append(bs);
            if (withOffset) {
                sb.append(", ").append(b.getLong(at + 32));
            }
            if (prio) {
                sb.append(String.format(", 0x%04x", priority)).append('\n');
            } else {
                // fio prints ioprio_value_is_class_rt(priority): 1 for the real-time class (1 << 13)
                sb.append(", ").append((priority >> 13) == 1 ? 1 : 0).append('\n');
            }
        }
        return sb.toString();
    }
}
