package dev.jfio.stats.archfixture;

import dev.jfio.posix.archfixture.PosixCall;

/** Architecture rule fixture: statistics calling native code. */
public class StatsCallingNative {
    PosixCall call;
}
