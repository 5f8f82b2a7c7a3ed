package dev.jfio.engine.archfixture;

import dev.jfio.run.archfixture.RunFixture;

/** Architecture rule fixture: an engine depending on core. */
public class EngineUsingTheRunner {
    RunFixture runner;
}
