package dev.jfio.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedOutputTest {
    @TempDir
    Path dir;

    @Test
    void aFullDeviceIsOneLineWithTheErrnoAndStatus1() throws IOException {
        CheckedOutput out = CheckedOutput.create(Path.of("/dev/full"));
        out.printStream().print("{}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(1, out.reportFailure(errStream, "the report"));
        assertEquals(1, out.reportFailure(errStream, "the report"));
        assertEquals(
                "jfio: cannot write the report to /dev/full: No space left on device (ENOSPC)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPipeWhoseReaderHasGoneIsBrokenPipe() throws IOException {
        Pipe pipe = Pipe.open();
        pipe.source().close();
        OutputStream sink = Channels.newOutputStream(pipe.sink());
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> sink.write(1));
        assertEquals("Broken pipe (EPIPE)", CheckedOutput.reason(e));
    }

    @Test
    void aCallersPrintStreamThatFailedIsAWriteError() {
        PrintStream broken = new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("gone");
                    }
                },
                true,
                StandardCharsets.UTF_8);
        CheckedOutput out = CheckedOutput.of("stdout", broken);
        out.printStream().print("x");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, out.reportFailure(new PrintStream(err, true, StandardCharsets.UTF_8), "the report"));
        assertEquals("jfio: cannot write the report to stdout: write error\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatTookEverythingReportsNothing() throws IOException {
        Path file = dir.resolve("report");
        CheckedOutput out = CheckedOutput.create(file);
        PrintStream print = out.printStream();
        print.print("report\n");
        print.flush();
        out.close();
        assertFalse(out.failed());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, out.reportFailure(new PrintStream(err, true, StandardCharsets.UTF_8), "the report"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(file).equals("report\n"));
    }
}
