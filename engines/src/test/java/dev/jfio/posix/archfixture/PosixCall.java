package dev.jfio.posix.archfixture;

/** Architecture rule fixture: a native call. */
public class PosixCall {}
