package dev.jfio.engine.archfixture;

import org.example.archfixture.Library;

/** Architecture rule fixture: an engine depending on a library directly. */
public class EngineUsingALibrary {
    Library library;
}
