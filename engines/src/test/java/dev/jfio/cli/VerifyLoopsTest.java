package dev.jfio.cli;

import static dev.jfio.testing.MiniJson.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.JfioRun;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * loops=N with verify: as fio 3.33, the written blocks are read back and checked after every loop
 * (fio: loops=3 of a 1m randwrite with verify=crc32c reads 768 blocks of 4k), so damage done
 * during one loop is found before the next loop writes over it.
 */
class VerifyLoopsTest {

    @Test
    void everyLoopIsReadBackAndChecked(@TempDir Path dir) {
        for (String rw : new String[] {"randwrite", "write"}) {
            Object doc = JfioRun.run(
                            "--name=t",
                            "--filename=" + dir.resolve(rw),
                            "--rw=" + rw,
                            "--bs=4k",
                            "--size=1m",
                            "--loops=3",
                            "--verify=crc32c",
                            "--output-format=json")
                    .json();
            assertEquals(768L, integer(doc, "jobs", 0, "write", "total_ios"), rw);
            assertEquals(768L, integer(doc, "jobs", 0, "read", "total_ios"), rw);
            assertEquals(0L, integer(doc, "jobs", 0, "error"), rw);
        }
    }

    @Test
    void verifyBacklogStillReadsEveryLoopOnce(@TempDir Path dir) {
        Object doc = JfioRun.run(
                        "--name=t",
                        "--filename=" + dir.resolve("f"),
                        "--rw=write",
                        "--bs=4k",
                        "--size=1m",
                        "--loops=3",
                        "--verify=crc32c",
                        "--verify_backlog=100",
                        "--output-format=json")
                .json();
        assertEquals(768L, integer(doc, "jobs", 0, "read", "total_ios"));
    }

    @Test
    void doVerifyZeroReadsNothingBackBetweenLoops(@TempDir Path dir) {
        Object doc = JfioRun.run(
                        "--name=t",
                        "--filename=" + dir.resolve("f"),
                        "--rw=randwrite",
                        "--bs=4k",
                        "--size=1m",
                        "--loops=3",
                        "--verify=crc32c",
                        "--do_verify=0",
                        "--output-format=json")
                .json();
        assertEquals(0L, integer(doc, "jobs", 0, "read", "total_ios"));
    }

    /**
     * An nbdkit server whose 20th write (in the second loop of 16 blocks) lands damaged: the check
     * after the second loop finds it, where a single check at the end would read the third loop's
     * good copy.
     */
    @Test
    void damageDoneDuringTheSecondLoopIsFoundBeforeTheThirdOverwritesIt(@TempDir Path dir) throws Exception {
        Path disk = dir.resolve("disk");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(64 * 1024);
        }
        Path count = dir.resolve("writes");
        Path damaged = dir.resolve("damaged");
        String pwrite = "n=$(( $(cat " + count + " 2>/dev/null || echo 0) + 1 )); echo $n > " + count + "; "
                + "dd of=" + disk + " oflag=seek_bytes conv=notrunc seek=$4 bs=64k iflag=fullblock status=none"
                + " || exit 1; "
                + "if [ $n -eq 20 ]; then printf ZZZ | dd of=" + disk + " oflag=seek_bytes conv=notrunc"
                + " seek=$(( $4 + 100 )) status=none; echo $4 > " + damaged + "; fi";
        String pread = "dd if=" + disk + " iflag=skip_bytes,count_bytes skip=$4 count=$3 bs=64k status=none";
        try (ServerFixture s = ServerFixture.nbdkitPluginUnix(
                dir, "eval", "get_size=echo 65536", "pread=" + pread, "pwrite=" + pwrite)) {
            JfioRun r = JfioRun.run(
                    "--name=t",
                    "--ioengine=nbd",
                    "--uri=" + s.uri(),
                    "--rw=randwrite",
                    "--bs=4k",
                    "--size=64k",
                    "--loops=3",
                    "--verify=crc32c",
                    "--output-format=json");
            assertEquals(1, r.exit(), r.toString());
            long offset = Long.parseLong(Files.readString(damaged).strip());
            assertTrue(r.err().contains("mismatch in " + s.uri() + " at offset " + offset + ", length 4096"), r.err());
            assertTrue(r.err().contains("3 of 4096 bytes differ"), r.err());
            Object doc = r.jsonAllowingFailure();
            assertEquals(84L, integer(doc, "jobs", 0, "error"));
            assertEquals(48L, integer(doc, "jobs", 0, "write", "total_ios"));
            assertEquals(48L, integer(doc, "jobs", 0, "read", "total_ios"));
        }
    }
}
