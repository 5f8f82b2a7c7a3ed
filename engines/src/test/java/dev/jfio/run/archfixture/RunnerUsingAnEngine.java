package dev.jfio.run.archfixture;

import dev.jfio.engine.otherfixture.OtherEngine;

/** Architecture rule fixture: core depending on an engine. */
public class RunnerUsingAnEngine {
    OtherEngine engine;
}
