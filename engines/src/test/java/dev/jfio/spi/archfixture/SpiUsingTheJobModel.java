package dev.jfio.spi.archfixture;

import dev.jfio.job.archfixture.JobFixture;

/** Architecture rule fixture: the SPI depending on core. */
public class SpiUsingTheJobModel {
    JobFixture job;
}
