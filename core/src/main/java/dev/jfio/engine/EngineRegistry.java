package dev.jfio.engine;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngineProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The I/O engines of one run: every {@link IoEngineProvider} that {@link ServiceLoader} finds on
 * the classpath, every one in the jars of the engine directories ({@link EngineDirectories}), and
 * those that jobs load with fio's {@code ioengine=external:/path/engine.jar}.
 *
 * <p>Names and aliases are unique across all of them ({@code EngineNames}). An external jar is
 * loaded once per real path ({@code EngineJar}) and names the one engine it provides; a jar that
 * provides several engines needs the engine named after a second colon:
 * {@code external:/path/engines.jar:ramdisk}.
 *
 * <p>Every problem is an {@link EngineLoadException} with a one-line message for the user.
 *
 * <p>Thread contract: every method is synchronized, so a registry may be shared between threads;
 * in practice the CLI uses it on its main thread only.
 */
public final class EngineRegistry {
    private final ClassLoader parent;
    private final EngineNames names = new EngineNames();
    /** Real path of each jar loaded → the names of its engines. */
    private final Map<Path, List<String>> jars = new HashMap<>();

    private EngineRegistry(ClassLoader parent) {
        this.parent = parent;
    }

    /**
     * Finds the engines on {@code classLoader}'s classpath and in every {@code *.jar} of each
     * directory (in the order given, jars sorted by file name).
     *
     * @throws EngineLoadException when a directory is missing, a jar provides no engine, a
     *     provider fails to load or two engines claim one name
     */
    public static EngineRegistry load(ClassLoader classLoader, List<Path> engineDirs) {
        Objects.requireNonNull(classLoader, "classLoader");
        EngineRegistry registry = new EngineRegistry(classLoader);
        registry.loadClasspath();
        for (Path dir : engineDirs) {
            for (Path jar : EngineDirectories.jarsIn(dir)) {
                registry.loadJar(jar);
            }
        }
        return registry;
    }

    /**
     * Turns a job's {@code ioengine} value into a canonical engine name: a name, an alias, or
     * {@code external:PATH.jar} / {@code external:PATH.jar:NAME} (the jar is loaded on first use,
     * relative paths against the working directory).
     *
     * @throws EngineLoadException for an unknown engine (listing the available ones) or a jar
     *     that cannot be loaded
     */
    public synchronized String resolve(String ioengine) {
        if (ioengine == null || ioengine.isBlank()) {
            throw new EngineLoadException("ioengine must not be empty; available: " + names.available());
        }
        if (ioengine.startsWith(ExternalEngineSpec.PREFIX)) {
            return resolveExternal(ExternalEngineSpec.parse(ioengine.substring(ExternalEngineSpec.PREFIX.length())));
        }
        if (names.engines().containsKey(ioengine)) {
            return ioengine;
        }
        String canonical = names.aliases().get(ioengine);
        if (canonical != null) {
            return canonical;
        }
        throw unknown(ioengine);
    }

    /**
     * The provider of a canonical engine name (as returned by {@link #resolve}); an alias is
     * accepted too.
     *
     * @throws EngineLoadException when no such engine is loaded
     */
    public synchronized IoEngineProvider provider(String canonicalName) {
        EngineNames.Registered registered = names.find(canonicalName);
        if (registered == null) {
            throw unknown(canonicalName);
        }
        return registered.provider();
    }

    /** Every loaded provider, sorted by engine name. */
    public synchronized Collection<IoEngineProvider> providers() {
        List<IoEngineProvider> list = new ArrayList<>(names.engines().size());
        for (EngineNames.Registered registered : names.engines().values()) {
            list.add(registered.provider());
        }
        return Collections.unmodifiableList(list);
    }

    /** Canonical engine name → that engine's options, sorted by engine name. */
    public synchronized Map<String, List<EngineOption<?>>> optionsByEngine() {
        Map<String, List<EngineOption<?>>> options = new LinkedHashMap<>();
        for (Map.Entry<String, EngineNames.Registered> entry : names.engines().entrySet()) {
            options.put(entry.getKey(), List.copyOf(entry.getValue().provider().options()));
        }
        return Collections.unmodifiableMap(options);
    }

    /** Alias → canonical engine name, sorted by alias. */
    public synchronized Map<String, String> aliases() {
        return Collections.unmodifiableMap(new TreeMap<>(names.aliases()));
    }

    private void loadClasspath() {
        Iterator<IoEngineProvider> providers =
                ServiceLoader.load(IoEngineProvider.class, parent).iterator();
        while (true) {
            IoEngineProvider provider;
            try {
                if (!providers.hasNext()) {
                    return;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new EngineLoadException(
                        "cannot load an engine from the classpath: " + EngineLoadException.oneLine(e), e);
            }
            names.register(List.of(provider), originOf(provider.getClass()));
        }
    }

    private String resolveExternal(ExternalEngineSpec spec) {
        Path jar = spec.jar();
        List<String> provided = loadJar(jar);
        if (spec.engine() != null) {
            if (!provided.contains(spec.engine())) {
                throw new EngineLoadException(jar + " provides no engine '" + spec.engine() + "'; it provides: "
                        + String.join(", ", provided));
            }
            return spec.engine();
        }
        if (provided.size() > 1) {
            throw new EngineLoadException(jar + " provides several engines (" + String.join(", ", provided)
                    + "); choose one with ioengine=external:" + jar + ":NAME");
        }
        return provided.get(0);
    }

    /** Loads a jar once per real path and returns the names of the engines it provides. */
    private List<String> loadJar(Path jar) {
        Path real = EngineJar.realPath(jar);
        List<String> known = jars.get(real);
        if (known != null) {
            return known;
        }
        List<String> provided = names.register(EngineJar.providers(jar, real, parent), real.toString());
        jars.put(real, provided);
        return provided;
    }

    private EngineLoadException unknown(String ioengine) {
        String foreign = FioOnlyEngines.engineRefusal(ioengine);
        return new EngineLoadException((foreign != null ? foreign : "unknown ioengine '" + ioengine + "'")
                + "; available: " + names.available());
    }

    private static String originOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "classpath";
        }
        try {
            URI uri = source.getLocation().toURI();
            return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
        } catch (URISyntaxException | RuntimeException e) {
            return source.getLocation().toString();
        }
    }
}
