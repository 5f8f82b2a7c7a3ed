package dev.jfio.nbd;

import static dev.jfio.testing.MiniJson.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.JfioRun;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose storage changes behind its back: qemu-nbd over a raw file that is tampered with
 * between the write and verify phases. Verification reports the tampered offset.
 */
class QemuNbdTamperTest {
    @TempDir
    Path dir;

    @Test
    void tamperingWithTheBackingFileBetweenWriteAndVerifyIsReportedAtTheTamperedOffset() throws Exception {
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 64L << 20, "disk", 4)) {
            String[] job = {
                "--name=t",
                "--ioengine=nbd",
                "--uri=" + s.uri(),
                "--rw=randwrite",
                "--bs=4k",
                "--size=16m",
                "--iodepth=8",
                "--verify=crc32c",
                "--output-format=json"
            };
            JfioRun write = JfioRun.run(concat(job, "--do_verify=0", "--end_fsync=1"));
            assertEquals(0, write.exit(), write.toString());

            long tampered = 77 * 4096 + 123;
            try (RandomAccessFile image =
                    new RandomAccessFile(dir.resolve("qemu.img").toFile(), "rw")) {
                image.seek(tampered);
                image.write(new byte[] {0x5a, 0x5a, 0x5a});
            }

            JfioRun verify = JfioRun.run(concat(job, "--verify_only"));
            assertEquals(1, verify.exit(), verify.toString());
            assertTrue(
                    verify.err().contains("mismatch in " + s.uri() + " at offset " + (77 * 4096) + ", length 4096"),
                    verify.err());
            assertTrue(verify.err().contains("3 of 4096 bytes differ"), verify.err());
            assertEquals(84L, integer(verify.jsonAllowingFailure(), "jobs", 0, "error"));
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
