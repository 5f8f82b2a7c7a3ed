package dev.jfio.engine.archfixture.internal;

/** Architecture rule fixture: a sub-package of an engine module. */
public class EngineHelper {}
