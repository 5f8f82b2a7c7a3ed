package dev.jfio.job;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The engines a {@link JobParser} resolves {@code ioengine} values with, and the options they
 * declare. Resolving {@code external:PATH} may load an engine; the parser loads every such engine
 * a job names before it checks any option, so that an engine's options are known wherever they
 * appear.
 *
 * <p>Thread contract: the parser calls both methods on the thread that called
 * {@link JobParser#parse}; an implementation shared by parsers on several threads must be
 * thread-safe.
 */
public interface JobEngines {
    /**
     * The canonical engine name of an {@code ioengine} value (a name, an alias or
     * {@code external:PATH}), loading the engine first when the value names one not yet loaded.
     *
     * @throws IllegalArgumentException with a one-line message (the parser adds the file and
     *     line) for an unknown engine or one that cannot be loaded
     */
    String resolve(String ioengine);

    /** The core options and those of every engine known at the time of the call. */
    OptionCatalog catalog();

    /** Engines known up front: {@code catalog} for every call, names through {@code resolver}. */
    static JobEngines fixed(OptionCatalog catalog, UnaryOperator<String> resolver) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(resolver, "resolver");
        return new JobEngines() {
            @Override
            public String resolve(String ioengine) {
                return resolver.apply(ioengine);
            }

            @Override
            public OptionCatalog catalog() {
                return catalog;
            }
        };
    }
}
