package dev.jfio.spi.archfixture;

import java.util.List;

/** Architecture rule fixture: an SPI type that uses the JDK alone. */
public class SpiValue {
    List<String> names;
}
