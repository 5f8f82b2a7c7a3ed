package dev.jfio.stats.archfixture;

import dev.jfio.spi.archfixture.SpiValue;

/** Architecture rule fixture: statistics that call no native code. */
public class StatsFixture {
    SpiValue value;
}
