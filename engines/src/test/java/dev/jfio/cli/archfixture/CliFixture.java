package dev.jfio.cli.archfixture;

/** Architecture rule fixture: a command-line class. */
public class CliFixture {}
