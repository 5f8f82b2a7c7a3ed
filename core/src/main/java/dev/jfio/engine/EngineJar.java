package dev.jfio.engine;

import dev.jfio.spi.IoEngineProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * Loading the engine providers of one jar: each jar gets its own {@link URLClassLoader} whose
 * parent is the registry's class loader, so engines share the core's SPI classes but not each
 * other's; only the providers listed in the jar's own
 * {@code META-INF/services/dev.jfio.spi.IoEngineProvider} count. Every problem (a missing file, a
 * jar without that services file, a provider that is missing, of the wrong type or whose
 * constructor throws) is an {@link EngineLoadException} with a one-line message.
 * Stateless; safe from any thread.
 */
final class EngineJar {
    static final String SERVICE_FILE = "META-INF/services/" + IoEngineProvider.class.getName();

    private EngineJar() {}

    /**
     * The real path of an engine jar, the key that loads each jar once.
     *
     * @throws EngineLoadException when it is missing, not a file or unreadable
     */
    static Path realPath(Path jar) {
        if (!Files.exists(jar)) {
            throw new EngineLoadException("engine jar " + jar + " does not exist");
        }
        if (!Files.isRegularFile(jar)) {
            throw new EngineLoadException("engine jar " + jar + " is not a file");
        }
        if (!Files.isReadable(jar)) {
            throw new EngineLoadException("cannot read engine jar " + jar + ": permission denied");
        }
        try {
            return jar.toRealPath();
        } catch (IOException e) {
            throw new EngineLoadException("cannot read engine jar " + jar + ": " + EngineLoadException.oneLine(e), e);
        }
    }

    /**
     * Instantiates every provider the jar lists, in a new class loader.
     *
     * @param jar    the jar as the user named it (for messages)
     * @param real   its real path (as {@link #realPath} returned)
     * @param parent the parent of the jar's class loader
     */
    static List<IoEngineProvider> providers(Path jar, Path real, ClassLoader parent) {
        List<String> classNames = serviceClassNames(jar);
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(
                    "jfio-engine:" + real.getFileName(), new URL[] {real.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            throw new EngineLoadException("cannot load engine jar " + jar + ": " + EngineLoadException.oneLine(e), e);
        }
        List<IoEngineProvider> providers = new ArrayList<>(classNames.size());
        for (String className : classNames) {
            providers.add(instantiate(jar, className, loader));
        }
        return providers;
    }

    private static List<String> serviceClassNames(Path jar) {
        List<String> classNames = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(SERVICE_FILE);
            if (entry == null) {
                throw new EngineLoadException(
                        jar + " does not provide a " + IoEngineProvider.class.getName() + " (no " + SERVICE_FILE + ")");
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
            throw new EngineLoadException(jar + " is not a jar file (" + EngineLoadException.oneLine(e) + ")", e);
        } catch (IOException e) {
            throw new EngineLoadException("cannot read engine jar " + jar + ": " + EngineLoadException.oneLine(e), e);
        }
        if (classNames.isEmpty()) {
            throw new EngineLoadException(jar + " does not provide a " + IoEngineProvider.class.getName() + " (its "
                    + SERVICE_FILE + " lists no class)");
        }
        return classNames;
    }

    private static IoEngineProvider instantiate(Path jar, String className, ClassLoader loader) {
        String what = "engine provider " + className + " from " + jar;
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!IoEngineProvider.class.isAssignableFrom(type)) {
                throw new EngineLoadException(
                        "cannot load " + what + ": it does not implement " + IoEngineProvider.class.getName());
            }
            return type.asSubclass(IoEngineProvider.class).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new EngineLoadException("cannot load " + what + ": the class is not in the jar", e);
        } catch (NoSuchMethodException e) {
            throw new EngineLoadException("cannot load " + what + ": it has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EngineLoadException(
                    "cannot load " + what + ": its constructor threw " + EngineLoadException.oneLine(cause), cause);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (e instanceof EngineLoadException) {
                throw (EngineLoadException) e;
            }
            throw new EngineLoadException("cannot load " + what + ": " + EngineLoadException.oneLine(e), e);
        }
    }
}
