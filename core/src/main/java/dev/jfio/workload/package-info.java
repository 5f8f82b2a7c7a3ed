/**
 * What each I/O of a job does next: its offset ({@link dev.jfio.workload.OffsetGenerator}), size
 * ({@link dev.jfio.workload.BlockSizeGenerator}), direction ({@link dev.jfio.workload.DirectionMixer})
 * and issue time ({@link dev.jfio.workload.RatePacer}), following fio's options of the same names.
 *
 * <p>Everything here runs on the per-I/O hot path: after construction nothing allocates, nothing
 * boxes and nothing locks. Each instance belongs to one job thread. Randomness comes from
 * {@link dev.jfio.workload.Rng}, seeded per job clone and purpose with
 * {@link dev.jfio.workload.Rng#seedFor}, so equal seeds give equal runs.
 *
 * <p>Constructors take plain values and reject inconsistent ones with an
 * {@link java.lang.IllegalArgumentException} whose message is one line, fit to print as-is.
 */
package dev.jfio.workload;
