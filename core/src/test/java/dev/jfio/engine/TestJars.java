package dev.jfio.engine;

import dev.jfio.spi.IoEngineProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds engine jars and class paths for the registry tests. */
final class TestJars {
    static final String SERVICES = "META-INF/services/" + IoEngineProvider.class.getName();

    private TestJars() {}

    /** A class loader whose classpath (a new directory under {@code dir}) lists {@code classNames} as engine providers. */
    static ClassLoader classpathListing(Path dir, String... classNames) throws IOException {
        Path root = Files.createDirectories(dir.resolve("cp" + classNames.length + "-" + System.nanoTime()));
        Path services =
                Files.createDirectories(root.resolve("META-INF/services")).resolve(IoEngineProvider.class.getName());
        Files.writeString(services, String.join("\n", classNames) + "\n", StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, TestJars.class.getClassLoader());
    }

    /** The names of the registry's engines, in its order. */
    static List<String> names(EngineRegistry registry) {
        List<String> names = new ArrayList<>();
        for (IoEngineProvider provider : registry.providers()) {
            names.add(provider.name());
        }
        return names;
    }

    /** A jar holding only a services file that lists {@code classNames} (classes on the test classpath). */
    static Path servicesJar(Path jar, String... classNames) throws IOException {
        return jar(jar, Map.of(SERVICES, (String.join("\n", classNames) + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** A jar with the given entries. */
    static Path jar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return jar;
    }

    /**
     * Compiles one provider per name (class {@code pkg.Engine_NAME}, package {@code pkg}) into a
     * jar with its services file: classes the test class loader cannot see.
     */
    static Path compiledEngineJar(Path workDir, String pkg, String... names) throws IOException {
        Path src = Files.createDirectories(workDir.resolve(pkg + "-src").resolve(pkg));
        Path classes = Files.createDirectories(workDir.resolve(pkg + "-classes"));
        List<String> files = new ArrayList<>();
        StringBuilder services = new StringBuilder("# test engines\n");
        for (String name : names) {
            String className = "Engine_" + name;
            Path file = src.resolve(className + ".java");
            Files.writeString(
                    file,
                    "package " + pkg + ";\n"
                            + "public final class " + className + " implements dev.jfio.spi.IoEngineProvider {\n"
                            + "  public String name() { return \"" + name + "\"; }\n"
                            + "  public String description() { return \"compiled test engine\"; }\n"
                            + "  public dev.jfio.spi.IoEngine create(dev.jfio.spi.JobView job) {\n"
                            + "    return unit -> { unit.complete(unit.length()); return dev.jfio.spi.QueueResult.COMPLETED; };\n"
                            + "  }\n"
                            + "}\n");
            files.add(file.toString());
            services.append(pkg).append('.').append(className).append('\n');
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", spiLocation(), "--release", "17"));
        args.addAll(files);
        if (javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IOException("javac failed for " + files);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(SERVICES, services.toString().getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                entries.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return jar(workDir.resolve(pkg + ".jar"), entries);
    }

    private static String spiLocation() {
        try {
            return Path.of(IoEngineProvider.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
