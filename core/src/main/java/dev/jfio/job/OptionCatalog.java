package dev.jfio.job;

import dev.jfio.engine.FioOnlyEngines;
import dev.jfio.spi.EngineOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every option name a job may use: the core options of {@link CoreOptions} and the options the
 * loaded engines declare. Looks names up, suggests the nearest known name for a typo and parses
 * engine option values with fio's syntax. Immutable after construction; safe from any thread.
 */
public final class OptionCatalog {
    private final Map<String, List<EngineOption<?>>> engineOptions;
    private final Map<String, String> engineAliases;
    /** option name → engines (canonical names) declaring it, in engine order. */
    private final Map<String, Set<String>> enginesByOption;

    /**
     * @param engineOptions canonical engine name → the options it declares
     * @param engineAliases engine alias → canonical engine name
     * @throws IllegalArgumentException when an engine option has the name of a core option or alias
     */
    public OptionCatalog(Map<String, List<EngineOption<?>>> engineOptions, Map<String, String> engineAliases) {
        Map<String, List<EngineOption<?>>> copy = new LinkedHashMap<>();
        Map<String, Set<String>> byOption = new LinkedHashMap<>();
        for (Map.Entry<String, List<EngineOption<?>>> e : engineOptions.entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
            for (EngineOption<?> o : e.getValue()) {
                CoreOption<?> clash = CoreOptions.find(o.name());
                if (clash != null) {
                    throw new IllegalArgumentException("engine '" + e.getKey() + "' declares option '" + o.name()
                            + "', which is "
                            + (clash.name().equals(o.name())
                                    ? "a core option"
                                    : "an alias of the core option '" + clash.name() + "'")
                            + "; the engine must rename it");
                }
                byOption.computeIfAbsent(o.name(), k -> new LinkedHashSet<>()).add(e.getKey());
            }
        }
        this.engineOptions = Collections.unmodifiableMap(copy);
        this.engineAliases = Map.copyOf(engineAliases);
        Map<String, Set<String>> frozen = new LinkedHashMap<>();
        byOption.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
        this.enginesByOption = Collections.unmodifiableMap(frozen);
    }

    /** A catalog of the core options alone (no engines). */
    public static OptionCatalog coreOnly() {
        return new OptionCatalog(Map.of(), Map.of());
    }

    /** The canonical name of an engine name or alias; the name itself when unknown. */
    public String canonicalEngine(String engine) {
        String c = engineAliases.get(engine);
        return c == null ? engine : c;
    }

    /** The core option a name or alias refers to, or null (it may be an engine option). */
    public CoreOption<?> core(String name) {
        return CoreOptions.find(name);
    }

    /** Whether {@code name} is declared by at least one engine (and is not a core option). */
    public boolean isEngineOption(String name) {
        return CoreOptions.find(name) == null && enginesByOption.containsKey(name);
    }

    /** The engines (canonical names) that declare {@code option}, empty if none. */
    public Set<String> enginesDeclaring(String option) {
        Set<String> s = enginesByOption.get(option);
        return s == null ? Set.of() : s;
    }

    /** The option {@code engine} (name or alias) declares under {@code name}, or null. */
    public EngineOption<?> engineOption(String engine, String name) {
        List<EngineOption<?>> l = engineOptions.get(canonicalEngine(engine));
        if (l == null) {
            return null;
        }
        for (EngineOption<?> o : l) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** The options of {@code engine} (name or alias), empty when it has none or is unknown. */
    public List<EngineOption<?>> optionsOf(String engine) {
        List<EngineOption<?>> l = engineOptions.get(canonicalEngine(engine));
        return l == null ? List.of() : l;
    }

    /**
     * Checks that {@code name} is an option jfio accepts.
     *
     * @return the core option, or null when it is an engine option
     * @throws JobSpecException at {@code where} for an unknown name (suggesting the nearest known
     *     one) or an option of one of fio's engines that jfio does not have
     */
    public CoreOption<?> check(String name, SourceLocation where) {
        CoreOption<?> d = CoreOptions.find(name);
        if (d != null) {
            return d;
        }
        if (enginesByOption.containsKey(name)) {
            return null;
        }
        String foreign = FioOnlyEngines.optionRefusal(name);
        if (foreign != null) {
            throw new JobSpecException(where, foreign);
        }
        String near = suggest(name);
        throw new JobSpecException(
                where, "unknown option '" + name + "'" + (near == null ? "" : " (did you mean '" + near + "'?)"));
    }

    /** The known option name nearest to {@code name}, or null when none is close. */
    public String suggest(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> candidates = new ArrayList<>(CoreOptions.names());
        candidates.addAll(enginesByOption.keySet());
        for (String c : candidates) {
            int d = Levenshtein.damerau(lower, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, lower.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /**
     * Parses an engine option's text with its type's fio syntax.
     *
     * @param text the value, empty when the option was named without one
     * @return a Long, Boolean or String as {@link EngineOption#javaType()} says
     * @throws IllegalArgumentException with a one-line message for a bad value
     */
    public static Object parseEngineValue(EngineOption<?> option, String text, int kbBase) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()
                && option.type() != dev.jfio.spi.EngineOptionType.BOOLEAN
                && option.type() != dev.jfio.spi.EngineOptionType.STRING) {
            throw new IllegalArgumentException("option '" + option.name() + "' requires a value");
        }
        switch (option.type()) {
            case STRING:
                return t;
            case INTEGER:
                if (t.startsWith("-") && !t.startsWith("-(")) {
                    try {
                        return Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid integer '" + t + "'");
                    }
                }
                return NumberParsers.parseLong(t);
            case SIZE:
                return SizeParsers.parseSize(t, kbBase);
            case TIME:
                return TimeParsers.parseTimeNanos(t, "s");
            case BOOLEAN:
                return NumberParsers.parseBool(t);
            case CHOICE:
                for (String c : option.choices()) {
                    if (c.equalsIgnoreCase(t)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException("invalid value '" + t + "' for " + option.name() + " (accepted: "
                        + String.join(", ", option.choices()) + ")");
            default:
                throw new IllegalStateException("unknown option type " + option.type());
        }
    }

    /**
     * {@code --cmdhelp}: with "all" (or null) one line per option, core options then each
     * engine's; otherwise the details of one option.
     *
     * @throws JobSpecException when no option has that name
     */
    public String helpFor(String option) {
        StringBuilder sb = new StringBuilder();
        if (option == null || option.isEmpty() || option.equals("all")) {
            sb.append(CoreOptions.helpFor("all"));
            for (Map.Entry<String, List<EngineOption<?>>> e : engineOptions.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                sb.append('\n').append("Engine ").append(e.getKey()).append(":\n");
                for (EngineOption<?> o : e.getValue()) {
                    sb.append(String.format("%-24s: %s%n", o.name(), o.help()));
                }
            }
            return sb.toString();
        }
        if (CoreOptions.find(option) != null) {
            return CoreOptions.helpFor(option);
        }
        Set<String> engines = enginesDeclaring(option);
        if (engines.isEmpty()) {
            String near = suggest(option);
            throw new JobSpecException(
                    null, "no option named '" + option + "'" + (near == null ? "" : " (did you mean '" + near + "'?)"));
        }
        for (String engine : new TreeSet<>(engines)) {
            EngineOption<?> o = engineOption(engine, option);
            sb.append(String.format("%20s: %s%n", o.name(), o.help()));
            sb.append(String.format("%20s: %s%n", "engine", engine));
            sb.append(String.format("%20s: %s%n", "type", o.type().name().toLowerCase(Locale.ROOT)));
            if (!o.choices().isEmpty()) {
                sb.append(String.format("%20s: %s%n", "valid values", String.join(", ", o.choices())));
            }
            if (o.defaultValue() != null) {
                sb.append(String.format("%20s: %s%n", "default", o.defaultValue()));
            }
        }
        return sb.toString();
    }
}
