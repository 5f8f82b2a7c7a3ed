package dev.jfio.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The engine directories of a run ({@code --engine-path}, {@value #ENGINE_PATH_ENV}) and the jars
 * each one holds. Stateless; safe from any thread.
 */
public final class EngineDirectories {
    /** The environment variable that lists engine directories, ':'-separated. */
    public static final String ENGINE_PATH_ENV = "JFIO_ENGINE_PATH";

    private EngineDirectories() {}

    /**
     * The engine directories of a run: those of {@code --engine-path} when given, otherwise those
     * of {@value #ENGINE_PATH_ENV} from {@code env}; both are ':'-separated and empty entries are
     * skipped. The flag replaces the environment variable rather than adding to it.
     *
     * @param enginePathFlag the value of {@code --engine-path}, or null when not given
     * @param env the environment (normally {@link System#getenv()})
     * @throws EngineLoadException for an entry that is not a valid path
     */
    public static List<Path> of(String enginePathFlag, Map<String, String> env) {
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
                throw new EngineLoadException(
                        "invalid engine directory '" + part + "' in " + source + ": " + e.getReason());
            }
            if (!dirs.contains(dir)) {
                dirs.add(dir);
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * The {@code *.jar} files of one engine directory, sorted by file name.
     *
     * @throws EngineLoadException when the directory is missing, not a directory or unreadable
     */
    static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new EngineLoadException(
                    "engine directory " + dir + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path entry : entries) {
                found.add(entry);
            }
        } catch (IOException e) {
            throw new EngineLoadException(
                    "cannot list engine directory " + dir + ": " + EngineLoadException.oneLine(e), e);
        }
        Collections.sort(found);
        return found;
    }
}
