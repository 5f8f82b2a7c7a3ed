/**
 * Data verification, as fio's {@code verify=} does it: {@link dev.jfio.verify.BlockStamper} fills
 * write buffers with content that names its block, {@link dev.jfio.verify.BlockChecker} checks what
 * comes back and describes any mismatch as a {@link dev.jfio.verify.VerifyFailure},
 * {@link dev.jfio.verify.WrittenBlocks} remembers what was written for the verify phase. Each
 * class is single-threaded (one instance per job thread) and allocation-free per block.
 */
package dev.jfio.verify;
