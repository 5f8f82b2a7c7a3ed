package dev.jfio.cli;

import dev.jfio.engine.EngineLoadException;
import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.JobEngines;
import dev.jfio.job.OptionCatalog;

/**
 * The job parser's view of an {@link EngineRegistry}: {@code ioengine=external:PATH} loads into
 * the registry, and the catalog lists the options of every engine the registry holds at the time.
 * Thread contract: as the registry's, every method may be called from any thread.
 */
final class RegistryJobEngines implements JobEngines {
    private final EngineRegistry registry;

    RegistryJobEngines(EngineRegistry registry) {
        this.registry = registry;
    }

    /** {@inheritDoc} The registry's one-line message becomes the exception's; the parser adds the file and line. */
    @Override
    public String resolve(String ioengine) {
        try {
            return registry.resolve(ioengine);
        } catch (EngineLoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@inheritDoc} A new catalog at each call, so it includes the engines loaded since the last. */
    @Override
    public OptionCatalog catalog() {
        return new OptionCatalog(registry.optionsByEngine(), registry.aliases());
    }
}
