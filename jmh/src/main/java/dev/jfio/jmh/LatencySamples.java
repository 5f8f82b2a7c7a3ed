package dev.jfio.jmh;

/** Latencies for the recording benchmarks: a fixed, spread set, so the histogram buckets touched vary. */
final class LatencySamples {
    private LatencySamples() {}

    /**
     * {@code n} latencies in nanoseconds, log-uniform between 2^11 and 2^22 ns (2 µs .. 4 ms), from an
     * xorshift sequence started at {@code seed} (not 0).
     */
    static long[] logUniform(int n, long seed) {
        long[] latencies = new long[n];
        long x = seed;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            latencies[i] = (1L << (11 + (int) ((x >>> 1) % 11))) + ((x >>> 20) & 0x7ff);
        }
        return latencies;
    }
}
