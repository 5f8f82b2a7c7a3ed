package dev.jfio.engine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What fio's {@code ioengine=external:PATH} names: a jar and, for a jar with several engines,
 * the engine after a second colon ({@code external:/path/engines.jar:ramdisk}).
 *
 * @param jar    the jar, relative paths against the working directory
 * @param engine the engine named after the jar, or null when none is
 */
record ExternalEngineSpec(Path jar, String engine) {
    /** The prefix of fio's syntax for an engine loaded from a file. */
    static final String PREFIX = "external:";

    /**
     * Parses the text after {@value #PREFIX}.
     *
     * @throws EngineLoadException for an empty or invalid path
     */
    static ExternalEngineSpec parse(String spec) {
        if (spec.isEmpty()) {
            throw new EngineLoadException("ioengine=external: needs a jar, as in external:/path/engine.jar");
        }
        String path = spec;
        String wanted = null;
        int colon = spec.lastIndexOf(':');
        if (!spec.endsWith(".jar") && colon > 0) {
            path = spec.substring(0, colon);
            wanted = spec.substring(colon + 1);
        }
        try {
            return new ExternalEngineSpec(Path.of(path), wanted);
        } catch (InvalidPathException e) {
            throw new EngineLoadException("invalid engine jar path '" + path + "': " + e.getReason());
        }
    }
}
