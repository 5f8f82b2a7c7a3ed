package dev.jfio.engine.archfixture;

import dev.jfio.engine.archfixture.internal.EngineHelper;
import dev.jfio.posix.archfixture.PosixCall;
import dev.jfio.spi.archfixture.SpiValue;
import java.nio.ByteBuffer;

/** Architecture rule fixture: an engine that sees the JDK, the SPI, posix and its own packages. */
public class CompliantEngine {
    SpiValue value;
    PosixCall call;
    EngineHelper helper;
    ByteBuffer[] buffers;
    long offset;
}
