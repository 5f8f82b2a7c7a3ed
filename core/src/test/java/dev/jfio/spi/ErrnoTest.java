package dev.jfio.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errno table and the errno behind the JDK's exceptions, from real failing calls where one can be made. */
class ErrnoTest {
    @TempDir
    Path dir;

    @Test
    void namesAndTextsAreGlibcs() {
        assertEquals("EMFILE", Errno.name(24));
        assertEquals("Too many open files", Errno.describe(Errno.EMFILE));
        assertEquals("ESPIPE", Errno.name(Errno.ESPIPE));
        assertEquals("Illegal seek", Errno.describe(29));
        assertEquals("Invalid or incomplete multibyte or wide character", Errno.describe(Errno.EILSEQ));
        assertEquals("Value too large for defined data type", Errno.describe(Errno.EOVERFLOW));
        assertEquals("EOPNOTSUPP", Errno.name(Errno.ENOTSUP));
        assertEquals("Success", Errno.describe(0));
        assertEquals("errno 999", Errno.name(999));
        assertEquals("Unknown error 999", Errno.describe(999));
    }

    @Test
    void aPositionalWriteToAFifoIsEspipe() throws Exception {
        Path fifo = dir.resolve("ff");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        // O_RDWR opens a FIFO without waiting for a reader
        try (FileChannel ch = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            IOException e = assertThrows(IOException.class, () -> ch.write(ByteBuffer.allocate(16), 0));
            assertEquals(Errno.ESPIPE, Errno.of(e, Errno.EIO), e.toString());
        }
    }

    @Test
    void fileSystemExceptionsGiveTheirErrno() {
        IOException missing = assertThrows(IOException.class, () -> FileChannel.open(dir.resolve("none")));
        assertEquals(Errno.ENOENT, Errno.of(missing, Errno.EIO), missing.toString());
        IOException directory = assertThrows(IOException.class, () -> FileChannel.open(dir, StandardOpenOption.WRITE));
        assertEquals(Errno.EISDIR, Errno.of(directory, Errno.EIO), directory.toString());
    }

    @Test
    void theLongestMatchingTextWinsAndCausesAreRead() {
        assertEquals(Errno.EMFILE, Errno.of(new FileSystemException("f", null, "Too many open files"), 0));
        assertEquals(Errno.ENFILE, Errno.of(new FileSystemException("f", null, "Too many open files in system"), 0));
        IOException wrapped =
                new IOException("cannot open f: too many", new FileSystemException("f", null, "Too many open files"));
        assertEquals(Errno.EMFILE, Errno.of(wrapped, Errno.EIO));
        assertEquals(Errno.ECONNRESET, Errno.of(new IOException("Connection reset"), Errno.EIO));
        assertEquals(Errno.EIO, Errno.of(new IOException("something else"), Errno.EIO));
        assertEquals(0, Errno.fromText(null));
    }
}
