package dev.jfio.workload;

/**
 * fio's zoned and zoned_abs random distributions: a draw of 1..100 picks a zone by its access
 * percentage, then a uniform unit inside that zone (fio turns the random map off for them).
 * Immutable after construction; {@link #next} allocates nothing and is as thread-safe as its {@link Rng}.
 */
public final class ZonedPicker {
    private final long[] start;
    private final long[] count;
    private final int[] zoneOfDraw = new int[100];

    /**
     * @param accessPercents each zone's share of the draws; they add up to 100
     * @param startUnits     each zone's first unit
     * @param unitCounts     each zone's number of units (0: always its first unit, as fio)
     * @throws IllegalArgumentException when the shares do not add up to 100
     */
    public ZonedPicker(int[] accessPercents, long[] startUnits, long[] unitCounts) {
        this.start = startUnits.clone();
        this.count = unitCounts.clone();
        int v = 0;
        for (int z = 0; z < accessPercents.length; z++) {
            for (int j = 0; j < accessPercents[z]; j++) {
                if (v == 100) {
                    throw new IllegalArgumentException("zone access percentages add up to more than 100");
                }
                zoneOfDraw[v++] = z;
            }
        }
        if (v != 100) {
            throw new IllegalArgumentException("zone access percentages add up to " + v + ", not 100");
        }
    }

    /** The next unit: a zone by its share, then uniform inside it. */
    public long next(Rng rng) {
        int z = zoneOfDraw[rng.nextInt(100)];
        long n = count[z];
        return start[z] + (n <= 1 ? 0 : rng.nextLong(n));
    }
}
