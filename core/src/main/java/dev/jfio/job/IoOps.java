package dev.jfio.job;

import dev.jfio.spi.IoOp;

/**
 * The data directions among the {@link IoOp}s: READ, WRITE and TRIM, in fio's order. Their
 * ordinals (0, 1, 2) index per-direction arrays; FLUSH carries no data and has no slot.
 */
public final class IoOps {
    /** READ, WRITE, TRIM; shared to avoid copies on hot paths, so never written to. */
    public static final IoOp[] DATA = {IoOp.READ, IoOp.WRITE, IoOp.TRIM};

    private static final String[] JSON_NAMES = {"read", "write", "trim"};

    private IoOps() {}

    /** fio's JSON key and report label of a data direction: "read", "write", "trim". */
    public static String jsonName(IoOp op) {
        return JSON_NAMES[op.ordinal()];
    }
}
