package dev.jfio.engine.nbd.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.server.MemoryNbdServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the handshake and the reply parser with mutated transcripts of real servers (nbdkit,
 * qemu-nbd, the embedded server) and with random bytes: every session must end in success or a
 * clean one-line IOException, quickly; never another exception type, never an Error, never a hang.
 *
 * <p>A seeded generator rather than Jazzer (which needs a native agent). The time budget is
 * {@code -Djfio.fuzz.seconds=N} (default 8) and the seed {@code -Djfio.fuzz.seed=N} (default
 * fixed, so CI is reproducible); a failure names the seed and iteration to replay.
 */
class ReplyParserFuzzTest {
    private static final long SESSION_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int[] EXTREMES = {
        0, 1, -1, 0x7fffffff, 0x80000000, 0xfffffff0, 4095, 4096, 4097, 65536, 8, 12, 20
    };

    @TempDir
    Path dir;

    /**
     * The client's side of every session: handshake (asking for base:allocation), write, reads (one
     * pipelined pair), then what the server advertises of block status (a pair over data and hole,
     * one with REQ_ONE), a DF read, write zeroes and cache; flush.
     */
    static void session(NbdEndpoint endpoint) throws IOException {
        NbdConnection.Options o = new NbdConnection.Options()
                .baseAllocation(true)
                .slots(2)
                .connectTimeout(TimeUnit.SECONDS.toNanos(1))
                .requestTimeout(TimeUnit.SECONDS.toNanos(1));
        try (NbdConnection c = NbdConnection.connect(endpoint, o)) {
            ByteBuffer a = ByteBuffer.allocateDirect(8192);
            ByteBuffer b = ByteBuffer.allocateDirect(4096);
            for (int i = 0; i < 8192; i++) {
                a.put(i, (byte) (i * 31));
            }
            c.write(0, a, 4096, false);
            c.read(0, a, 4096);
            c.read(1 << 20, b, 4096);
            c.submit(0, Nbd.CMD_READ, 0, 0, 8192, a);
            c.submit(1, Nbd.CMD_READ, 0, 65536, 4096, b);
            c.nextCompletion(true);
            c.nextCompletion(true);
            otherCommands(c, a);
            if (c.info().has(Nbd.TF_SEND_FLUSH)) {
                c.flush();
            }
        }
    }

    private static void otherCommands(NbdConnection c, ByteBuffer a) throws IOException {
        if (c.info().baseAllocationContext() >= 0) {
            c.submit(0, Nbd.CMD_BLOCK_STATUS, 0, 0, 1 << 20, null);
            c.submit(1, Nbd.CMD_BLOCK_STATUS, Nbd.CMD_FLAG_REQ_ONE, 4096, 65536, null);
            c.nextCompletion(true);
            c.nextCompletion(true);
        }
        if (c.info().has(Nbd.TF_SEND_DF) && c.info().structuredReplies()) {
            c.submit(0, Nbd.CMD_READ, Nbd.CMD_FLAG_DF, 0, 8192, a);
            c.nextCompletion(true);
        }
        if (c.info().has(Nbd.TF_SEND_WRITE_ZEROES)) {
            c.writeZeroes(65536, 4096, 0);
        }
        if (c.info().has(Nbd.TF_SEND_CACHE)) {
            c.submit(0, Nbd.CMD_CACHE, 0, 0, 65536, null);
            c.nextCompletion(true);
        }
    }

    private byte[] record(NbdEndpoint server, String name) throws Exception {
        try (TranscriptRecorder r = new TranscriptRecorder(dir.resolve(name + ".rec"), server)) {
            session(r.endpoint(server.exportName()));
            byte[] t = r.transcript();
            assertTrue(t.length > 100, name + " transcript of " + t.length + " bytes");
            return t;
        }
    }

    private List<byte[]> transcripts() throws Exception {
        List<byte[]> list = new ArrayList<>();
        try (MemoryNbdServer embedded = MemoryNbdServer.start(4 << 20, "")) {
            list.add(record(embedded.endpoint(), "embedded"));
        }
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "4M")) {
            list.add(record(nbdkit.endpoint(), "nbdkit"));
        }
        try (ServerFixture qemu = ServerFixture.qemuNbd(dir, 4 << 20, "disk", 2)) {
            list.add(record(qemu.endpoint(), "qemu-nbd"));
        }
        return list;
    }

    @Test
    void mutatedAndRandomServerBytesEndInSuccessOrACleanIoExceptionWithinTheDeadline() throws Exception {
        List<byte[]> corpus = transcripts();
        long seed = Long.getLong("jfio.fuzz.seed", 0x5eed_2026L);
        long budget = TimeUnit.SECONDS.toNanos(Long.getLong("jfio.fuzz.seconds", 8));
        int[] outcomes = new int[2];
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        assertTimeoutPreemptively(Duration.ofNanos(budget + TimeUnit.SECONDS.toNanos(30)), () -> {
            SplittableRandom random = new SplittableRandom(seed);
            // each transcript replayed unchanged must succeed: the replay reproduces real sessions
            try (ScriptedServer server = ScriptedServer.playAndClose(dir.resolve("fuzz.sock"), new byte[0], 0)) {
                for (byte[] t : corpus) {
                    server.setScript(t);
                    session(server.endpoint());
                }
                long end = System.nanoTime() + budget;
                for (int iteration = 0; System.nanoTime() < end; iteration++) {
                    byte[] script = mutate(random, corpus);
                    server.setScript(script);
                    long start = System.nanoTime();
                    try {
                        session(server.endpoint());
                        outcomes[0]++;
                    } catch (IOException e) {
                        String m = e.getMessage();
                        if (m == null || m.isEmpty() || m.contains("\n")) {
                            fail("seed " + seed + " iteration " + iteration + ": not a one-line message: " + m);
                        }
                        outcomes[1]++;
                        kinds.merge(
                                m.replaceAll("/tmp/\\S+", "SOCK")
                                        .replaceAll("0x[0-9a-f]+", "HEX")
                                        .replaceAll("\\d+", "N"),
                                1,
                                Integer::sum);
                    } catch (Throwable t) {
                        throw new AssertionError(
                                "seed " + seed + " iteration " + iteration + ": "
                                        + t.getClass().getName() + " on " + script.length + " bytes",
                                t);
                    }
                    long took = System.nanoTime() - start;
                    if (took > SESSION_LIMIT_NANOS) {
                        fail("seed " + seed + " iteration " + iteration + ": session took " + took / 1_000_000 + " ms");
                    }
                }
            }
        });
        System.err.println("fuzz: " + outcomes[0] + " sessions succeeded, " + outcomes[1] + " failed cleanly");
        if (Boolean.getBoolean("jfio.fuzz.print")) {
            kinds.forEach((k, v) -> System.err.println("fuzz: " + v + " x " + k));
        }
        assertTrue(outcomes[1] > 100, "the fuzzer should break many sessions: " + Arrays.toString(outcomes));
        assertEquals(true, outcomes[0] + outcomes[1] > 200, "too few sessions: " + Arrays.toString(outcomes));
    }

    static byte[] mutate(SplittableRandom r, List<byte[]> corpus) {
        byte[] s = corpus.get(r.nextInt(corpus.size())).clone();
        if (r.nextInt(20) == 0) {
            byte[] noise = new byte[r.nextInt(1, 300)];
            r.nextBytes(noise);
            if (r.nextBoolean()) {
                System.arraycopy(s, 0, noise, 0, Math.min(18, noise.length)); // a valid greeting first
            }
            return noise;
        }
        int n = r.nextInt(1, 4);
        for (int i = 0; i < n && s.length > 0; i++) {
            int pos = r.nextInt(s.length);
            switch (r.nextInt(6)) {
                case 0: // bit flips
                    for (int k = r.nextInt(1, 9); k > 0; k--) {
                        int p = r.nextInt(s.length);
                        s[p] ^= (byte) (1 << r.nextInt(8));
                    }
                    break;
                case 1: // truncation
                    s = Arrays.copyOf(s, pos);
                    break;
                case 2: { // duplication of a segment
                    int len = Math.min(s.length - pos, r.nextInt(1, 200));
                    byte[] t = new byte[s.length + len];
                    System.arraycopy(s, 0, t, 0, pos + len);
                    System.arraycopy(s, pos, t, pos + len, s.length - pos);
                    s = t;
                    break;
                }
                case 3: // a length-like field set to an extreme
                    if (s.length >= 4) {
                        int p = Math.min(pos, s.length - 4);
                        ByteBuffer.wrap(s).putInt(p, EXTREMES[r.nextInt(EXTREMES.length)]);
                    }
                    break;
                case 4: { // deletion
                    int len = Math.min(s.length - pos, r.nextInt(1, 64));
                    byte[] t = new byte[s.length - len];
                    System.arraycopy(s, 0, t, 0, pos);
                    System.arraycopy(s, pos + len, t, pos, s.length - pos - len);
                    s = t;
                    break;
                }
                default: { // random insertion
                    byte[] ins = new byte[r.nextInt(1, 32)];
                    r.nextBytes(ins);
                    byte[] t = new byte[s.length + ins.length];
                    System.arraycopy(s, 0, t, 0, pos);
                    System.arraycopy(ins, 0, t, pos, ins.length);
                    System.arraycopy(s, pos, t, pos + ins.length, s.length - pos);
                    s = t;
                }
            }
        }
        return s;
    }
}
