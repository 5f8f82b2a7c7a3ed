package dev.jfio.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.spi.IoEngineProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Runs in the integration-test phase, after the shade plugin made target/jfio.jar: the bundle's
 * merged services file lists the provider of every engine module, and they load from the jar alone.
 */
class BundleServicesIT {
    private static final String SERVICES = "META-INF/services/" + IoEngineProvider.class.getName();

    private static Path bundle() {
        String property = System.getProperty("jfio.bundle");
        // set only by the bundle-tests execution (integration-test phase); a -Dtest run in the test phase skips
        assumeTrue(property != null, "the jfio.bundle property names target/jfio.jar in the integration-test phase");
        Path jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "no bundle at " + jar);
        return jar;
    }

    /** Every provider listed by the engine modules on this classpath (each module jar has its own services file). */
    private static Set<String> moduleProviders() throws IOException {
        Set<String> names = new TreeSet<>();
        Enumeration<URL> files = BundleServicesIT.class.getClassLoader().getResources(SERVICES);
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                names.addAll(classNames(in));
            }
        }
        return names;
    }

    private static Set<String> classNames(InputStream in) throws IOException {
        Set<String> names = new TreeSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            String name = line.replaceAll("#.*", "").strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void bundleServicesFileListsEveryEngineModulesProvider() throws IOException {
        Set<String> expected = moduleProviders();
        assertTrue(
                expected.containsAll(
                        List.of("dev.jfio.engine.nul.NullEngineProvider", "dev.jfio.engine.file.FileEngineProvider")),
                expected.toString());
        try (JarFile jar = new JarFile(bundle().toFile())) {
            ZipEntry entry = jar.getEntry(SERVICES);
            assertNotNull(entry, "the bundle has no " + SERVICES);
            try (InputStream in = jar.getInputStream(entry)) {
                assertEquals(expected, classNames(in));
            }
        }
    }

    @Test
    void bundleAloneLoadsEveryBuiltInEngine() throws IOException {
        Set<String> names = new TreeSet<>();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {bundle().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (Object provider : ServiceLoader.load(loaderClass(loader), loader)) {
                names.add(String.valueOf(provider.getClass().getMethod("name").invoke(provider)));
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        assertTrue(names.containsAll(List.of("null", "file")), names.toString());
        assertEquals(moduleProviders().size(), names.size(), names.toString());
    }

    /** The bundle's own copy of the SPI interface, not this test's. */
    @SuppressWarnings("unchecked")
    private static Class<Object> loaderClass(ClassLoader loader) throws ReflectiveOperationException {
        return (Class<Object>) loader.loadClass(IoEngineProvider.class.getName());
    }
}
