package dev.jfio.stats.archfixture;

import dev.jfio.run.archfixture.RunFixture;

/** Architecture rule fixture: statistics depending on the runner that feeds them. */
public class StatsReadingTheRunner {
    RunFixture runner;
}
