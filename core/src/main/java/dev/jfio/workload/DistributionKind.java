package dev.jfio.workload;

/**
 * fio's {@code random_distribution} choices for random offsets.
 *
 * <p>The meaning of the distribution parameter handed to {@link OffsetGenerator} depends on the kind.
 */
public enum DistributionKind {
    /** {@code random}: uniform over the blocks; the parameter is ignored. */
    RANDOM,
    /** {@code zipf:θ}: Zipf with exponent θ (θ &gt; 0, θ ≠ 1), e.g. 1.2. */
    ZIPF,
    /** {@code pareto:h}: Pareto with shape h in (0, 1), e.g. 0.2 for the 80/20 rule. */
    PARETO,
    /** {@code normal:dev}: fio's approximate Gaussian; dev in [0, 100] is a percentage of the region. */
    NORMAL
}
