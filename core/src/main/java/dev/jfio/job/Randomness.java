package dev.jfio.job;

import dev.jfio.spi.IoOp;

/**
 * How a job picks random offsets. Immutable.
 *
 * @param distribution {@code random_distribution}
 * @param norandommap  {@code norandommap}: random offsets may repeat within a pass
 * @param randrepeat   {@code randrepeat}: the same seed each run (default true)
 * @param randseed     {@code randseed}; fio's 0x89 when unset
 * @param randseedSet  whether the job sets {@code randseed}
 * @param allrandrepeat {@code allrandrepeat}: every random stream repeatable, even with randrepeat=0
 * @param lfsr         {@code random_generator=lfsr}: uniform random offsets never repeat within a pass,
 *                     even with norandommap (jfio's keyed permutation does what fio's LFSR does);
 *                     tausworthe and tausworthe64 both mean jfio's 64-bit generator
 * @param softRandomMap {@code softrandommap}: when the map of covered blocks (block sizes that vary)
 *                      cannot be allocated, go on without it instead of failing
 */
public record Randomness(
        Distribution distribution,
        int[] percentRandom,
        boolean norandommap,
        boolean randrepeat,
        long randseed,
        boolean randseedSet,
        boolean allrandrepeat,
        boolean lfsr,
        boolean softRandomMap) {
    public Randomness {
        percentRandom = percentRandom.clone();
    }

    static Randomness parse(OptionValues o) {
        return new Randomness(
                o.get(IoTypeKeys.RANDOM_DISTRIBUTION),
                o.get(IoTypeKeys.PERCENTAGE_RANDOM),
                o.get(IoTypeKeys.NORANDOMMAP),
                o.get(IoTypeKeys.RANDREPEAT),
                o.get(IoTypeKeys.RANDSEED),
                o.isSet(IoTypeKeys.RANDSEED),
                o.get(IoTypeKeys.ALLRANDREPEAT),
                o.get(IoTypeKeys.RANDOM_GENERATOR).equals("lfsr"),
                o.get(ZoneKeys.SOFTRANDOMMAP));
    }

    /**
     * Whether random offsets may repeat within a pass: {@code norandommap}, unless
     * {@code random_generator=lfsr}, whose sequence visits every block exactly once whatever the map.
     */
    public boolean offsetsMayRepeat() {
        return norandommap && !lfsr;
    }

    /** {@code percentage_random} per direction (read, write, trim), 0..100 (a copy). */
    @Override
    public int[] percentRandom() {
        return percentRandom.clone();
    }

    /** {@code percentage_random} of direction {@code d}. */
    public int percentageRandom(IoOp d) {
        return percentRandom[d.ordinal()];
    }

    /** {@code percentage_random} of the first direction {@code rw} uses (0..100, default 100). */
    public int percentageRandom(RwMode rw) {
        for (IoOp d : IoOps.DATA) {
            if (rw.uses(d)) {
                return percentRandom[d.ordinal()];
            }
        }
        return percentRandom[0];
    }
}
