package dev.jfio.job.archfixture;

/** Architecture rule fixture: a core class. */
public class JobFixture {}
