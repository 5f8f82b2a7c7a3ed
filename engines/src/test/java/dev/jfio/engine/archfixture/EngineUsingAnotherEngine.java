package dev.jfio.engine.archfixture;

import dev.jfio.engine.otherfixture.OtherEngine;

/** Architecture rule fixture: an engine depending on another engine. */
public class EngineUsingAnotherEngine {
    OtherEngine other;
}
