package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.BundleProcess;
import dev.jfio.testing.MiniJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that opens more files than {@code ulimit -n} allows, in the bundle's own JVM: EMFILE,
 * error 24 "Too many open files", never EIO.
 */
class TooManyOpenFilesIT {
    @TempDir
    Path dir;

    /*
     * fio 3.33: bash -c 'ulimit -n 64; fio --name=t --directory=mf --nrfiles=100 --size=1m --rw=read --bs=4k'
     *   fio: try reducing/setting openfiles (failed at 57 of 100)
     *   fio: pid=..., err=24/file:filesetup.c:805, func=open(mf/t.0.57), error=Too many open files
     *   exit 1; JSON: error 24 (continue_on_error=all changes nothing: EMFILE is fatal)
     */
    @Test
    void tooManyOpenFilesReportsEmfile24AndExits1AsFioDoes() throws Exception {
        Path files = Files.createDirectory(dir.resolve("mf"));
        BundleProcess jfio = BundleProcess.startWithOpenFileLimit(
                dir,
                64,
                "--name=t",
                "--directory=" + files,
                "--nrfiles=100",
                "--size=1m",
                "--rw=read",
                "--bs=4k",
                "--continue_on_error=all",
                "--output-format=json");
        jfio.waitFor(60);
        String stderr = jfio.stderr();
        assertEquals(1, jfio.exitValue(), stderr);
        assertTrue(stderr.contains(": Too many open files (") && stderr.contains("try a lower openfiles="), stderr);
        assertFalse(stderr.contains("\tat "), stderr);
        Object json = MiniJson.parse(jfio.stdout());
        assertEquals(24, MiniJson.integer(json, "jobs", 0, "error"));
    }
}
