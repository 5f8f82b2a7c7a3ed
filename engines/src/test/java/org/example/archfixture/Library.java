package org.example.archfixture;

/** Architecture rule fixture: a third-party library. */
public class Library {}
