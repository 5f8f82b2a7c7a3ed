package dev.jfio.spi.archfixture;

import org.example.archfixture.Library;

/** Architecture rule fixture: the SPI depending on a library. */
public class SpiUsingALibrary {
    Library library;
}
