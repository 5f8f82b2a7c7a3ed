package dev.jfio.run.archfixture;

import dev.jfio.job.archfixture.JobFixture;
import dev.jfio.spi.archfixture.SpiValue;

/** Architecture rule fixture: a runner class that keeps to its rules. */
public class RunFixture {
    JobFixture job;
    SpiValue value;
}
