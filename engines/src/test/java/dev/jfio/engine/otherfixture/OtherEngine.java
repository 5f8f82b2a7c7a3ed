package dev.jfio.engine.otherfixture;

/** Architecture rule fixture: a second engine module. */
public class OtherEngine {}
