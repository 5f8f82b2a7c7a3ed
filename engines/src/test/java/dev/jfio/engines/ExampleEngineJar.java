package dev.jfio.engines;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jar of examples/third-party-engine that the maven-invoker-plugin built, against this
 * build's own jfio jars, before the integration tests (see engines/pom.xml). Its path comes in the
 * system property {@code jfio.example.jar}.
 */
final class ExampleEngineJar {
    static final String PROPERTY = "jfio.example.jar";

    private ExampleEngineJar() {}

    /** The built jfio-ramdisk-engine.jar; fails with how to get it when it is missing. */
    static Path path() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set: run these tests with "
                    + "`mvn verify` in engines/, whose invoker run builds the example engine first");
        }
        Path jar = Path.of(configured);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(PROPERTY + "=" + jar + " is not a file: the invoker's build of "
                    + "examples/third-party-engine did not run or made no jar");
        }
        return jar;
    }
}
