package dev.jfio.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * jfio's version, from the build (core's jfio-version.properties), and the fio release whose job
 * files, flags and reports jfio matches. Tools that drive fio check the latter: fio-plot's
 * bench-fio refuses a binary whose {@code --version} lacks "fio-3".
 */
public final class Version {
    /** The fio release jfio matches, as fio names itself ({@code fio --version}, JSON "fio version"). */
    public static final String FIO_RELEASE = "fio-3.33";

    private static final String VERSION = load();

    private Version() {}

    /** jfio's own version, e.g. "0.1.0". */
    public static String get() {
        return VERSION;
    }

    /** What {@code jfio --version} and the normal report's header print: "jfio-0.1.0 (fio-3.33)". */
    public static String banner() {
        return "jfio-" + VERSION + " (" + FIO_RELEASE + ")";
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/jfio/jfio-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the unknown version
        }
        return "unknown";
    }
}
