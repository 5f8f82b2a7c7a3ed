package dev.jfio.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * {@code --inflate-log=FILE}: writes the text of a log stored with {@code log_store_compressed}
 * (a sequence of zlib streams, fio's {@code .log.fz}) to a stream, as fio's
 * {@code iolog_file_inflate} does. Stateless.
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
                while (!inflater.finished()) {
                    int n = inflater.inflate(buf);
                    if (n > 0) {
                        out.write(buf, 0, n);
                    } else if (inflater.needsInput()) {
                        throw new IOException(file + ": truncated compressed log (a zlib stream ends early)");
                    } else if (inflater.needsDictionary()) {
                        throw new IOException(file + ": not a compressed fio log (zlib dictionary required)");
                    }
                }
                offset = in.length - inflater.getRemaining();
            }
        } catch (DataFormatException e) {
            throw new IOException(file + ": not a compressed fio log (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        out.flush();
    }
}
