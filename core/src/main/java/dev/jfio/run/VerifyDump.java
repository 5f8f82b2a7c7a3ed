package dev.jfio.run;

import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.verify.BlockChecker;
import dev.jfio.verify.VerifyFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * verify_dump (fio's dump_buf in verify.c): when a block fails to verify, the failing interval is
 * written to files in the working directory (or fio's {@code --aux-path}), named {@code <file>.<offset>.<kind>} after the
 * target's base name and the interval's offset: {@code received} (the bytes read) and
 * {@code expected} (the bytes that were written) for a data mismatch, {@code hdr_fail} (the bytes
 * read) when the interval's header itself is wrong. Each file written is named in a notice. Job
 * thread only; it runs only on a failure, so it may allocate.
 */
final class VerifyDump {
    private final BlockChecker checker;
    private final JobView notices;
    /** fio's --aux-path, or null for the working directory. */
    private final Path dir;

    private ByteBuffer scratch;

    VerifyDump(BlockChecker checker, JobView notices, Path dir) {
        this.checker = checker;
        this.notices = notices;
        this.dir = dir;
    }

    /** Dumps the failing interval of {@code unit}'s block; {@code expectedSequence} as given to the check. */
    void dump(IoUnit unit, VerifyFailure failure, long expectedSequence) {
        dump(unit.buffer(), unit.result(), unit.offset(), unit.target().name(), failure, expectedSequence);
    }

    /** Dumps the failing interval of a block read from {@code offset} of {@code target} into {@code data}. */
    void dump(ByteBuffer data, int length, long offset, String target, VerifyFailure failure, long expectedSequence) {
        int interval = checker.interval() > 0 ? checker.interval() : length;
        int start = failure.kind() == VerifyFailure.Kind.PATTERN ? 0 : failure.position() / interval * interval;
        int len = failure.kind() == VerifyFailure.Kind.PATTERN ? length : Math.min(interval, length - start);
        long at = offset + start;
        String base = baseName(target);
        boolean header = failure.kind() != VerifyFailure.Kind.CHECKSUM && failure.kind() != VerifyFailure.Kind.PATTERN;
        write(base + "." + at + "." + (header ? "hdr_fail" : "received"), data, start, len);
        if (header) {
            return;
        }
        if (scratch == null || scratch.capacity() < length) {
            scratch = ByteBuffer.allocate(length);
        }
        checker.expected(data, length, offset, expectedSequence, start, scratch);
        write(base + "." + at + ".expected", scratch, start, len);
    }

    private void write(String fileName, ByteBuffer source, int from, int length) {
        ByteBuffer slice = source.duplicate();
        slice.limit(from + length).position(from);
        Path path = dir == null ? Path.of(fileName) : dir.resolve(fileName);
        String name = path.toString();
        try (FileChannel out = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (slice.hasRemaining()) {
                out.write(slice);
            }
            notices.notice(
                    "verify_dump: " + fileName.substring(fileName.lastIndexOf('.') + 1) + " data dumped as " + name);
        } catch (IOException | RuntimeException e) {
            notices.notice("verify_dump: cannot write " + name + ": " + JobClone.message(e));
        }
    }

    /** The target's file name without its directories (an NBD URI's last path element). */
    static String baseName(String target) {
        String t = target;
        while (t.endsWith("/") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        String name = t.substring(t.lastIndexOf('/') + 1);
        return name.isEmpty() ? "target" : name;
    }
}
