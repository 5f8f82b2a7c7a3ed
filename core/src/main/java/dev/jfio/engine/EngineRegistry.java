package dev.jfio.engine;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngineProvider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * The I/O engines of one run: every {@link IoEngineProvider} that {@link ServiceLoader} finds on
 * the classpath, every one in the jars of the engine directories, and those that jobs load with
 * fio's {@code ioengine=external:/path/engine.jar}.
 *
 * <h2>Names</h2>
 * Each engine has one canonical name and any number of aliases ({@code psync} for {@code file});
 * no name or alias may belong to two engines. Names are lower case letters, digits and
 * {@code _ - . +}.
 *
 * <h2>External jars</h2>
 * {@code external:/path/engine.jar} loads the jar (once per real path) and names the one engine it
 * provides. A jar that provides several engines needs the engine named after a second colon:
 * {@code external:/path/engines.jar:ramdisk}. Every jar (external or from an engine directory)
 * gets its own {@link URLClassLoader} whose parent is the class loader given to {@link #load}, so
 * engines share the core's SPI classes but not each other's. Only the providers listed in the
 * jar's own {@code META-INF/services/dev.jfio.spi.IoEngineProvider} count.
 *
 * <p>Every problem is an {@link EngineLoadException} with a one-line message for the user.
 *
 * <p>Thread contract: every method is synchronized, so a registry may be shared between threads;
 * in practice the CLI uses it on its main thread only.
 */
public final class EngineRegistry {
    /** The environment variable that lists engine directories, ':'-separated. */
    public static final String ENGINE_PATH_ENV = "JFIO_ENGINE_PATH";

    /** The prefix of fio's syntax for an engine loaded from a file. */
    public static final String EXTERNAL_PREFIX = "external:";

    private static final String SERVICE_FILE = "META-INF/services/" + IoEngineProvider.class.getName();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.+-]*");

    private final ClassLoader parent;
    private final Map<String, Registered> engines = new TreeMap<>();
    private final Map<String, String> aliases = new TreeMap<>();
    private final Map<Path, List<String>> jars = new HashMap<>();

    private record Registered(IoEngineProvider provider, String origin) {
        String describe() {
            return provider.getClass().getName() + " (" + origin + ")";
        }
    }

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
            registry.loadDirectory(dir);
        }
        return registry;
    }

    /**
     * The engine directories of a run: those of {@code --engine-path} when given, otherwise those
     * of {@value #ENGINE_PATH_ENV} from {@code env}; both are ':'-separated and empty entries are
     * skipped. The flag replaces the environment variable rather than adding to it.
     *
     * @param enginePathFlag the value of {@code --engine-path}, or null when not given
     * @param env the environment (normally {@link System#getenv()})
     */
    public static List<Path> engineDirs(String enginePathFlag, Map<String, String> env) {
        String source = enginePathFlag != null ? "--engine-path" : ENGINE_PATH_ENV;
        String spec = enginePathFlag != null ? enginePathFlag : env.get(ENGINE_PATH_ENV);
        if (spec == null) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        for (String part : spec.split(":")) {
            if (part.isBlank()) {
                continue;
            }
            Path dir;
            try {
                dir = Path.of(part);
            } catch (InvalidPathException e) {
                throw new EngineLoadException("invalid engine directory '" + part + "' in " + source + ": " + e.getReason());
            }
            if (!dirs.contains(dir)) {
                dirs.add(dir);
            }
        }
        return List.copyOf(dirs);
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
            throw new EngineLoadException("ioengine must not be empty; available: " + available());
        }
        if (ioengine.startsWith(EXTERNAL_PREFIX)) {
            return resolveExternal(ioengine.substring(EXTERNAL_PREFIX.length()));
        }
        if (engines.containsKey(ioengine)) {
            return ioengine;
        }
        String canonical = aliases.get(ioengine);
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
        Registered registered = engines.get(canonicalName);
        if (registered == null && aliases.containsKey(canonicalName)) {
            registered = engines.get(aliases.get(canonicalName));
        }
        if (registered == null) {
            throw unknown(canonicalName);
        }
        return registered.provider();
    }

    /** Every loaded provider, sorted by engine name. */
    public synchronized Collection<IoEngineProvider> providers() {
        List<IoEngineProvider> list = new ArrayList<>(engines.size());
        for (Registered registered : engines.values()) {
            list.add(registered.provider());
        }
        return Collections.unmodifiableList(list);
    }

    /** Canonical engine name → that engine's options, sorted by engine name. */
    public synchronized Map<String, List<EngineOption<?>>> optionsByEngine() {
        Map<String, List<EngineOption<?>>> options = new LinkedHashMap<>();
        for (Map.Entry<String, Registered> entry : engines.entrySet()) {
            options.put(entry.getKey(), List.copyOf(entry.getValue().provider().options()));
        }
        return Collections.unmodifiableMap(options);
    }

    /** Alias → canonical engine name, sorted by alias. */
    public synchronized Map<String, String> aliases() {
        return Collections.unmodifiableMap(new TreeMap<>(aliases));
    }

    private void loadClasspath() {
        Iterator<IoEngineProvider> providers = ServiceLoader.load(IoEngineProvider.class, parent).iterator();
        while (true) {
            IoEngineProvider provider;
            try {
                if (!providers.hasNext()) {
                    return;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new EngineLoadException("cannot load an engine from the classpath: " + oneLine(e), e);
            }
            register(List.of(provider), originOf(provider.getClass()));
        }
    }

    private void loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new EngineLoadException("engine directory " + dir
                    + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path entry : entries) {
                found.add(entry);
            }
        } catch (IOException e) {
            throw new EngineLoadException("cannot list engine directory " + dir + ": " + oneLine(e), e);
        }
        Collections.sort(found);
        for (Path jar : found) {
            loadJar(jar);
        }
    }

    private String resolveExternal(String spec) {
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
        Path jar;
        try {
            jar = Path.of(path);
        } catch (InvalidPathException e) {
            throw new EngineLoadException("invalid engine jar path '" + path + "': " + e.getReason());
        }
        List<String> names = loadJar(jar);
        if (wanted != null) {
            if (!names.contains(wanted)) {
                throw new EngineLoadException(jar + " provides no engine '" + wanted + "'; it provides: "
                        + String.join(", ", names));
            }
            return wanted;
        }
        if (names.size() > 1) {
            throw new EngineLoadException(jar + " provides several engines (" + String.join(", ", names)
                    + "); choose one with ioengine=external:" + jar + ":NAME");
        }
        return names.get(0);
    }

    /** Loads a jar once per real path and returns the names of the engines it provides. */
    private List<String> loadJar(Path jar) {
        if (!Files.exists(jar)) {
            throw new EngineLoadException("engine jar " + jar + " does not exist");
        }
        if (!Files.isRegularFile(jar)) {
            throw new EngineLoadException("engine jar " + jar + " is not a file");
        }
        if (!Files.isReadable(jar)) {
            throw new EngineLoadException("cannot read engine jar " + jar + ": permission denied");
        }
        Path real;
        try {
            real = jar.toRealPath();
        } catch (IOException e) {
            throw new EngineLoadException("cannot read engine jar " + jar + ": " + oneLine(e), e);
        }
        List<String> known = jars.get(real);
        if (known != null) {
            return known;
        }
        List<String> classNames = serviceClassNames(jar);
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("jfio-engine:" + real.getFileName(), new URL[] {real.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            throw new EngineLoadException("cannot load engine jar " + jar + ": " + oneLine(e), e);
        }
        List<IoEngineProvider> providers = new ArrayList<>(classNames.size());
        for (String className : classNames) {
            providers.add(instantiate(jar, className, loader));
        }
        List<String> names = register(providers, real.toString());
        jars.put(real, names);
        return names;
    }

    private static List<String> serviceClassNames(Path jar) {
        List<String> classNames = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(SERVICE_FILE);
            if (entry == null) {
                throw new EngineLoadException(jar + " does not provide a " + IoEngineProvider.class.getName()
                        + " (no " + SERVICE_FILE + ")");
            }
            try (InputStream in = file.getInputStream(entry);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                    if (!name.isEmpty() && !classNames.contains(name)) {
                        classNames.add(name);
                    }
                }
            }
        } catch (ZipException e) {
            throw new EngineLoadException(jar + " is not a jar file (" + oneLine(e) + ")", e);
        } catch (IOException e) {
            throw new EngineLoadException("cannot read engine jar " + jar + ": " + oneLine(e), e);
        }
        if (classNames.isEmpty()) {
            throw new EngineLoadException(jar + " does not provide a " + IoEngineProvider.class.getName()
                    + " (its " + SERVICE_FILE + " lists no class)");
        }
        return classNames;
    }

    private static IoEngineProvider instantiate(Path jar, String className, ClassLoader loader) {
        String what = "engine provider " + className + " from " + jar;
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!IoEngineProvider.class.isAssignableFrom(type)) {
                throw new EngineLoadException("cannot load " + what + ": it does not implement "
                        + IoEngineProvider.class.getName());
            }
            return type.asSubclass(IoEngineProvider.class).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new EngineLoadException("cannot load " + what + ": the class is not in the jar", e);
        } catch (NoSuchMethodException e) {
            throw new EngineLoadException("cannot load " + what + ": it has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EngineLoadException("cannot load " + what + ": its constructor threw " + oneLine(cause), cause);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (e instanceof EngineLoadException) {
                throw (EngineLoadException) e;
            }
            throw new EngineLoadException("cannot load " + what + ": " + oneLine(e), e);
        }
    }

    /**
     * Validates providers from one origin against each other and the engines already known, then
     * registers them all (or none). A provider whose very class is already registered (the same
     * jar reached twice) is skipped.
     */
    private List<String> register(List<IoEngineProvider> providers, String origin) {
        Map<String, Registered> newEngines = new LinkedHashMap<>();
        Map<String, String> newAliases = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (IoEngineProvider provider : providers) {
            Registered candidate = new Registered(provider, origin);
            String name;
            List<String> providerAliases;
            List<EngineOption<?>> options;
            try {
                name = provider.name();
                providerAliases = provider.aliases();
                options = provider.options();
                Objects.requireNonNull(provider.flags(), "flags() returned null");
                Objects.requireNonNull(provider.description(), "description() returned null");
                Objects.requireNonNull(providerAliases, "aliases() returned null");
                Objects.requireNonNull(options, "options() returned null");
            } catch (RuntimeException | LinkageError e) {
                throw new EngineLoadException("engine provider " + candidate.describe() + " failed: " + oneLine(e), e);
            }
            checkName(candidate, name, "name");
            Registered existing = engines.get(name);
            if (existing != null && existing.provider().getClass() == provider.getClass()) {
                names.add(name);
                continue;
            }
            Registered clash = existing != null ? existing : newEngines.get(name);
            if (clash != null) {
                throw new EngineLoadException("two engines are named '" + name + "': " + clash.describe()
                        + " and " + candidate.describe());
            }
            String aliasOwner = aliases.containsKey(name) ? aliases.get(name) : newAliases.get(name);
            if (aliasOwner != null) {
                throw new EngineLoadException("engine name '" + name + "' of " + candidate.describe()
                        + " is already an alias of engine '" + aliasOwner + "' " + describe(aliasOwner, newEngines));
            }
            for (String alias : providerAliases) {
                checkName(candidate, alias, "alias");
                if (alias.equals(name)) {
                    continue;
                }
                String owner = engines.containsKey(alias) || newEngines.containsKey(alias) ? alias
                        : aliases.containsKey(alias) ? aliases.get(alias) : newAliases.get(alias);
                if (owner != null) {
                    throw new EngineLoadException("alias '" + alias + "' of engine '" + name + "' " + candidate.describe()
                            + " is already taken by engine '" + owner + "' " + describe(owner, newEngines));
                }
                newAliases.put(alias, name);
            }
            Set<String> optionNames = new HashSet<>();
            for (EngineOption<?> option : options) {
                if (!optionNames.add(option.name())) {
                    throw new EngineLoadException("engine '" + name + "' " + candidate.describe()
                            + " declares option '" + option.name() + "' twice");
                }
            }
            newEngines.put(name, candidate);
            names.add(name);
        }
        engines.putAll(newEngines);
        aliases.putAll(newAliases);
        return List.copyOf(names);
    }

    private String describe(String engine, Map<String, Registered> pending) {
        Registered registered = engines.containsKey(engine) ? engines.get(engine) : pending.get(engine);
        return registered == null ? "" : registered.describe();
    }

    private static void checkName(Registered candidate, String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new EngineLoadException("engine provider " + candidate.describe() + " has an invalid " + what
                    + " '" + name + "': use lower case letters, digits and _ - . +");
        }
    }

    private EngineLoadException unknown(String ioengine) {
        return new EngineLoadException("unknown ioengine '" + ioengine + "'; available: " + available());
    }

    /** "file (psync, sync), nbd, null". */
    private String available() {
        if (engines.isEmpty()) {
            return "none (no engine is installed)";
        }
        Map<String, List<String>> aliasesOf = new TreeMap<>();
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            aliasesOf.computeIfAbsent(alias.getValue(), k -> new ArrayList<>()).add(alias.getKey());
        }
        StringBuilder text = new StringBuilder();
        for (String name : engines.keySet()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(name);
            List<String> names = aliasesOf.get(name);
            if (names != null) {
                text.append(" (").append(String.join(", ", names)).append(')');
            }
        }
        return text.toString();
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

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getName() : message;
        if (e instanceof LinkageError || e instanceof ServiceConfigurationError) {
            text = e.getClass().getSimpleName() + ": " + text;
        }
        return text.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
