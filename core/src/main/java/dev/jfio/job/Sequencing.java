package dev.jfio.job;

import dev.jfio.spi.IoOp;

/**
 * How offsets follow each other beyond {@code rw} and {@link Randomness}: fio's {@code rw}
 * modifier ({@code rw=read:8k} leaves holes, {@code rw=randread:8} takes a new random offset
 * every 8 I/Os), {@code rw_sequencer}, {@code blockalign}, {@code bs_is_seq_rand},
 * {@code offset_align} and {@code number_ios}. Immutable.
 *
 * @param holeBytes   sequential jobs: bytes added to each offset after the first (negative: backwards)
 * @param randomEvery random jobs: a new random offset every this many I/Os (1: every I/O)
 * @param identical   {@code rw_sequencer=identical}: the I/Os between random ones repeat the last offset
 * @param blockAlign  {@code blockalign} per direction (read, write, trim); 0 where unset (the block size)
 * @param bsIsSeqRand {@code bs_is_seq_rand}: the read block sizes serve sequential I/Os, the write ones random I/Os
 * @param offsetAlign {@code offset_align}: alignment of an offset given as a percentage; 0 for the block size
 * @param numberIos   {@code number_ios}: the job ends after this many I/Os per loop; 0 for no limit
 * @param zones       {@code zonemode=strided} and its zone sizes, or {@link Zoning#NONE}
 * @param bsUnaligned {@code blocksize_unaligned}: bsrange sizes are any byte count in the range, not
 *                    multiples of the minimum
 */
public record Sequencing(
        long holeBytes,
        int randomEvery,
        boolean identical,
        long[] blockAlign,
        boolean bsIsSeqRand,
        long offsetAlign,
        long numberIos,
        Zoning zones,
        boolean bsUnaligned) {
    public Sequencing {
        blockAlign = blockAlign.clone();
    }

    static Sequencing parse(OptionValues o, RwMode rw) {
        Setting rwSetting = o.setting(IoTypeKeys.RW);
        String modifier = rwSetting == null ? null : RwMode.modifier(rwSetting.value());
        long hole = 0;
        int every = 1;
        if (modifier != null) {
            try {
                if (rw.random()) {
                    every = NumberParsers.parseInt(modifier, o.kbBase());
                    if (every < 1) {
                        throw new IllegalArgumentException("must be at least 1");
                    }
                } else {
                    hole = modifier.startsWith("-")
                            ? -SizeParsers.parseSize(modifier.substring(1), o.kbBase())
                            : SizeParsers.parseSize(modifier, o.kbBase());
                }
            } catch (IllegalArgumentException e) {
                throw Setting.error(
                        rwSetting,
                        "rw=" + rwSetting.value().trim() + ": the modifier after ':' is "
                                + (rw.random()
                                        ? "the number of I/Os per random offset (a whole number >= 1)"
                                        : "the bytes between sequential I/Os (a size, negative for backwards)")
                                + ": " + e.getMessage());
            }
        }
        long[] align = o.get(IoTypeKeys.BLOCKALIGN);
        Setting ba = o.setting(IoTypeKeys.BLOCKALIGN);
        for (int d = 0; d < align.length; d++) {
            if (ba != null && align[d] == 0) {
                throw Setting.error(
                        ba, "blockalign must be positive, got " + ba.value().trim());
            }
            if (align[d] > Integer.MAX_VALUE) {
                throw Setting.error(ba, "blockalign must be at most " + Integer.MAX_VALUE + ", got " + align[d]);
            }
        }
        return new Sequencing(
                hole,
                every,
                o.get(IoTypeKeys.RW_SEQUENCER_IDENTICAL),
                align,
                o.get(IoTypeKeys.BS_IS_SEQ_RAND),
                o.get(IoTypeKeys.OFFSET_ALIGN),
                o.get(IoTypeKeys.NUMBER_IOS),
                Zoning.parse(o),
                o.get(ZoneKeys.BS_UNALIGNED));
    }

    /** {@code blockalign} of direction {@code d}, or 0 when unset. */
    public int blockAlign(IoOp d) {
        return (int) blockAlign[d.ordinal()];
    }

    @Override
    public long[] blockAlign() {
        return blockAlign.clone();
    }
}
