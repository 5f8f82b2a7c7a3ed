package dev.jfio.spi;

import java.util.List;
import java.util.Set;

/**
 * The service an engine jar registers in
 * {@code META-INF/services/dev.jfio.spi.IoEngineProvider}.
 *
 * <p>Thread contract: one instance per run, shared by every job; it must be stateless or
 * thread-safe. The runner calls {@link #create} on its main thread, once per job clone.
 */
public interface IoEngineProvider {

    /** The name jobs give as {@code ioengine=NAME}: lower case, unique among loaded engines. */
    String name();

    /** Other names the engine answers to (fio's {@code psync} for {@code file}). */
    default List<String> aliases() {
        return List.of();
    }

    /** One line for {@code --enghelp}. */
    String description();

    /**
     * The engine's options. The core accepts them in job files and on the command line in any
     * position, parses them and offers them through {@link JobView#get}. Names must not clash
     * with core options.
     */
    default List<EngineOption<?>> options() {
        return List.of();
    }

    /** How the runner drives the engine. */
    default Set<EngineFlag> flags() {
        return Set.of();
    }

    /** Creates the engine for one job clone. Called on the runner's main thread. */
    IoEngine create(JobView job);
}
