package dev.jfio.cli;

import dev.jfio.engine.EngineRegistry;

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
            "^\\s*(?:--)?ioengine\\s*=\\s*(" + Pattern.quote(EngineRegistry.EXTERNAL_PREFIX) + "\\S+)\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private ExternalEngines() {
    }

    static void preload(EngineRegistry engines, List<Path> jobFiles, List<String> options, Map<String, String> env) {
        for (String option : options) {
            load(engines, option, env);
        }
        for (Path file : jobFiles) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue; // the job parser reports unreadable files with their reason
            }
            for (String line : lines) {
                load(engines, line, env);
            }
        }
    }

    private static void load(EngineRegistry engines, String text, Map<String, String> env) {
        Matcher m = EXTERNAL.matcher(text);
        if (m.matches()) {
            Matcher v = VARIABLE.matcher(m.group(1));
            StringBuilder expanded = new StringBuilder();
            while (v.find()) {
                v.appendReplacement(expanded, Matcher.quoteReplacement(env.getOrDefault(v.group(1), "")));
            }
            v.appendTail(expanded);
            engines.resolve(expanded.toString());
        }
    }
}
