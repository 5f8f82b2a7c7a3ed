package dev.jfio.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: deep queues against real servers. With thousands of requests (or hundreds of MiB) in
 * flight, a server stops reading requests until its replies are read; a client that blocks writing
 * then waits forever. Each job must finish, every I/O done, within a hang guard far above the few
 * seconds they take.
 */
class NbdDeepQueueTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Runs one job against {@code server} (null: the embedded server) and checks that every I/O completed. */
    private static void runs(String server, String rw, String bs, long size, int iodepth, long ioSize) {
        List<String> args = new ArrayList<>(List.of(
                "--name=deep",
                "--ioengine=nbd",
                "--rw=" + rw,
                "--bs=" + bs,
                "--size=" + size,
                "--io_size=" + ioSize,
                "--iodepth=" + iodepth,
                "--request_timeout=60",
                "--output-format=json"));
        if (server != null) {
            args.add("--uri=" + server);
        }
        JfioRun r = assertTimeoutPreemptively(
                HANG_GUARD, () -> JfioRun.run(args.toArray(new String[0])), () -> "the job hung: " + args);
        assertEquals(0, r.exit(), r.toString());
        Object json = r.json();
        long done = MiniJson.integer(json, "jobs", 0, "read", "io_bytes")
                + MiniJson.integer(json, "jobs", 0, "write", "io_bytes");
        assertEquals(ioSize, done, r.toString());
    }

    /**
     * The reproduction of issue 11 (4k randwrite at iodepth 2048 over 64 MiB), then the same reading;
     * {@code size} MiB instead of 64 for the slower servers (still four times the queue).
     */
    private static void smallBlocksAt2048Deep(String server, long size) {
        runs(server, "randwrite", "4k", size, 2048, size);
        runs(server, "randread", "4k", size, 2048, size);
    }

    @Test
    void smallBlocksAt2048DeepFinishAgainstNbdkit() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "256M")) {
            smallBlocksAt2048Deep(s.uri(), 64 * MIB);
        }
    }

    @Test
    void smallBlocksAt2048DeepFinishAgainstTheEmbeddedServer() {
        smallBlocksAt2048Deep(null, 64 * MIB);
    }

    @Test
    void smallBlocksAt2048DeepFinishAgainstQemuNbdWithItsDefaultOneConnection() throws IOException {
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 256 * MIB, "q", 1)) {
            smallBlocksAt2048Deep(s.uri(), 32 * MIB);
        }
    }

    @Test
    void smallBlocksAt2048DeepFinishAgainstQemuNbdSharedByFour() throws IOException {
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 256 * MIB, "q", 4)) {
            smallBlocksAt2048Deep(s.uri(), 32 * MIB);
        }
    }

    @Test
    void smallBlocksAt2048DeepFinishAgainstNbdServer() throws IOException {
        try (ServerFixture s = ServerFixture.nbdServer(dir, 256 * MIB, false)) {
            smallBlocksAt2048Deep(s.uri(), 32 * MIB);
        }
    }

    @Test
    void smallBlocks4096DeepInBothDirectionsAtOnceFinishAgainstNbdkit() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "256M")) {
            runs(s.uri(), "randrw", "4k", 64 * MIB, 4096, 64 * MIB);
        }
    }

    @Test
    void oneMegabyteBlocks256DeepInBothDirectionsFinishAgainstNbdkitAndTheEmbeddedServer() throws IOException {
        // about 256 MiB in flight: write payloads wait to go out while read replies of 1 MiB arrive
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "256M")) {
            runs(s.uri(), "randrw", "1m", 256 * MIB, 256, 256 * MIB);
        }
        runs(null, "randrw", "1m", 256 * MIB, 256, 256 * MIB);
    }

    @Test
    void oneMegabyteBlocks128DeepFinishAgainstQemuNbdAndNbdServer() throws IOException {
        // 128 MiB in flight: these servers write a file, slower than memory (the suite's time)
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 128 * MIB, "q", 1)) {
            runs(s.uri(), "randrw", "1m", 128 * MIB, 128, 128 * MIB);
        }
        try (ServerFixture s = ServerFixture.nbdServer(dir, 128 * MIB, false)) {
            runs(s.uri(), "randrw", "1m", 128 * MIB, 128, 128 * MIB);
        }
    }

    @Test
    void largestBlocksInBothDirectionsFinishAgainstNbdkit() throws IOException {
        // 32 MiB, the largest request a server that advertises no limit is sent
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "256M")) {
            runs(s.uri(), "randrw", "32m", 128 * MIB, 4, 128 * MIB);
        }
    }
}
