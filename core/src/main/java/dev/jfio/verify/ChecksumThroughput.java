package dev.jfio.verify;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * fio's {@code --crctest[=list]} (crc/test.c) for the checksums jfio's verify has: each hashes a
 * 128 KiB buffer of random bytes 2048 times (256 MiB) and prints its speed in fio's shape,
 * {@code "md5:\t\t  612.34 MiB/sec"}, in fio's table order. fio's other hashes (crc64, sha1, ...)
 * are named as fio's but not jfio's. Unlike fio, every hash gets one untimed pass first, so that
 * the JIT has compiled it before it is timed. Runs on the calling thread.
 */
public final class ChecksumThroughput {
    private static final int CHUNK = 131072;
    private static final int NR_CHUNKS = 2048;
    /** fio 3.33's hashes, in its order. */
    private static final List<String> FIO_HASHES = List.of(
            "md5",
            "crc64",
            "crc32",
            "crc32c",
            "crc16",
            "crc7",
            "sha1",
            "sha256",
            "sha512",
            "xxhash",
            "murmur3",
            "jhash",
            "fnv",
            "sha3-224",
            "sha3-256",
            "sha3-384",
            "sha3-512");
    /** jfio's, in fio's order. */
    private static final List<VerifyMode> OURS =
            List.of(VerifyMode.MD5, VerifyMode.CRC32C, VerifyMode.SHA256, VerifyMode.XXHASH);

    private ChecksumThroughput() {}

    /**
     * Runs the test.
     *
     * @param type null for every hash, "list" or "help" to list them, else a comma-separated list
     * @return the exit status: 0 after a test, 1 after a list or for an unknown hash (as fio)
     */
    public static int run(String type, PrintStream out, PrintStream err) {
        if (type != null && (type.equals("list") || type.equals("help"))) {
            list(out);
            return 1;
        }
        List<VerifyMode> chosen = new ArrayList<>();
        List<String> notOurs = new ArrayList<>();
        if (type == null || type.isEmpty()) {
            chosen.addAll(OURS);
        } else {
            for (String name : type.split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                VerifyMode m = OURS.stream()
                        .filter(v -> v.text().equals(n))
                        .findFirst()
                        .orElse(null);
                if (m != null && !chosen.contains(m)) {
                    chosen.add(m);
                } else if (m == null && FIO_HASHES.contains(n)) {
                    notOurs.add(n);
                }
            }
            chosen.sort((a, b) -> OURS.indexOf(a) - OURS.indexOf(b));
        }
        for (String n : notOurs) {
            err.println("jfio: --crctest: " + n + " is one of fio's hashes that jfio's verify does not have");
        }
        if (chosen.isEmpty()) {
            err.println("jfio: unknown hash `" + type + "`. Available:");
            list(out);
            return 1;
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        SplittableRandom random = new SplittableRandom(0x8989);
        while (buf.remaining() >= 8) {
            buf.putLong(random.nextLong());
        }
        buf.clear();
        byte[] sum = new byte[64];
        for (VerifyMode mode : chosen) {
            Checksummer c = new Checksummer(mode);
            pass(c, buf, sum); // untimed: JIT compilation and a warm cache
            long start = System.nanoTime();
            pass(c, buf, sum);
            long usec = (System.nanoTime() - start) / 1000;
            out.println(line(mode.text(), (long) CHUNK * NR_CHUNKS, usec));
        }
        return 0;
    }

    private static void pass(Checksummer c, ByteBuffer buf, byte[] sum) {
        for (int i = 0; i < NR_CHUNKS; i++) {
            c.compute(buf, 0, CHUNK, sum);
        }
    }

    /** fio's line: MB/usec scaled to MiB/s, "%8.2f", one tab after names of 7 characters or more, else two. */
    static String line(String name, long bytes, long usec) {
        if (usec == 0) {
            return name + ":inf MiB/sec";
        }
        double mbSec = (double) bytes / (double) usec / (1.024 * 1.024);
        return name + ":" + (name.length() >= 7 ? "\t" : "\t\t") + String.format(Locale.ROOT, "%8.2f", mbSec)
                + " MiB/sec";
    }

    private static void list(PrintStream out) {
        for (VerifyMode m : OURS) {
            out.println(m.text());
        }
    }
}
