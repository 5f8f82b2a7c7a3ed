package dev.jfio.cli;

import dev.jfio.engine.EngineLoadException;
import dev.jfio.engine.EngineRegistry;
import dev.jfio.job.JobSpecException;
import dev.jfio.job.SourceLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the engine jars named by {@code ioengine=external:PATH} before the jobs are parsed, so
 * that their options are known to the parser wherever they appear.
 */
final class ExternalEngines {
    private static final Pattern EXTERNAL = Pattern.compile(
            "^\\s*(?:--)?ioengine\\s*=\\s*(" + Pattern.quote("external:") + "\\S+)\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private ExternalEngines() {
    }

    /** @throws JobSpecException when a jar cannot be loaded, with the file and line (or argument) naming it */
    static void preload(EngineRegistry engines, List<Path> jobFiles, List<String> options, Map<String, String> env) {
        for (int i = 0; i < options.size(); i++) {
            load(engines, options.get(i), env, SourceLocation.commandLine(i + 1));
        }
        for (Path file : jobFiles) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue; // the job parser reports unreadable files with their reason
            }
            for (int i = 0; i < lines.size(); i++) {
                load(engines, lines.get(i), env, new SourceLocation(file.toString(), i + 1));
            }
        }
    }

    private static void load(EngineRegistry engines, String text, Map<String, String> env, SourceLocation where) {
        Matcher m = EXTERNAL.matcher(text);
        if (m.matches()) {
            Matcher v = VARIABLE.matcher(m.group(1));
            StringBuilder expanded = new StringBuilder();
            while (v.find()) {
                v.appendReplacement(expanded, Matcher.quoteReplacement(env.getOrDefault(v.group(1), "")));
            }
            v.appendTail(expanded);
            try {
                engines.resolve(expanded.toString());
            } catch (EngineLoadException e) {
                throw new JobSpecException(where, e.getMessage());
            }
        }
    }
}
