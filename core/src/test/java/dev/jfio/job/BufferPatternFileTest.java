package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** buffer_pattern='file': fio's lib/pattern.c parse_file puts the file's contents into the pattern. */
class BufferPatternFileTest {
    @TempDir
    Path dir;

    @Test
    void aQuotedFileNameGivesTheFilesContentsAmongTheOtherParts() throws IOException {
        Path pat = Files.writeString(dir.resolve("pat"), "hello pattern\n");
        JobSpec spec = TestCatalogs.commandLineJob("--buffer_pattern=0x41'" + pat + "'\"Z\"");
        assertArrayEquals(
                "Ahello pattern\nZ".getBytes(StandardCharsets.US_ASCII),
                spec.buffers().pattern());
    }

    @Test
    void aLongFileFillsThePatternUpToFios512Bytes() throws IOException {
        Path pat = Files.write(dir.resolve("big"), new byte[2000]);
        JobSpec spec = TestCatalogs.commandLineJob("--buffer_pattern=0x4142'" + pat + "'");
        assertEquals(512, spec.buffers().pattern().length);
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() throws IOException {
        String error = TestCatalogs.jobFileError(dir, "[x]", "buffer_pattern='/no/such/pattern'");
        assertEquals("jobs.fio:2: buffer_pattern file '/no/such/pattern' cannot be read: no such file", error);
    }
}
