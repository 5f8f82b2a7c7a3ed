package dev.jfio.engine;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngineProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The engines by name: each has one canonical name and any number of aliases ({@code psync} for
 * {@code file}); no name or alias may belong to two engines. Names are lower case letters, digits
 * and {@code _ - . +}.
 *
 * <p>Thread contract: not thread-safe; {@link EngineRegistry} guards every call.
 */
final class EngineNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.+-]*");

    private final Map<String, Registered> engines = new TreeMap<>();
    private final Map<String, String> aliases = new TreeMap<>();

    /** A provider and where it came from (a jar, a classpath entry). */
    record Registered(IoEngineProvider provider, String origin) {
        String describe() {
            return provider.getClass().getName() + " (" + origin + ")";
        }
    }

    /** Canonical name → engine, sorted by name; a live view. */
    Map<String, Registered> engines() {
        return engines;
    }

    /** Alias → canonical name, sorted by alias; a live view. */
    Map<String, String> aliases() {
        return aliases;
    }

    /** The engine of a canonical name or alias, or null. */
    Registered find(String name) {
        Registered registered = engines.get(name);
        if (registered == null && aliases.containsKey(name)) {
            registered = engines.get(aliases.get(name));
        }
        return registered;
    }

    /**
     * Validates providers from one origin against each other and the engines already known, then
     * registers them all (or none). A provider whose very class is already registered (the same
     * jar reached twice) is skipped.
     *
     * @return the names of the providers' engines, in the providers' order
     * @throws EngineLoadException for a provider that fails, an invalid name or a name, alias or
     *     option taken twice
     */
    List<String> register(List<IoEngineProvider> providers, String origin) {
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
                throw new EngineLoadException(
                        "engine provider " + candidate.describe() + " failed: " + EngineLoadException.oneLine(e), e);
            }
            checkName(candidate, name, "name");
            Registered existing = engines.get(name);
            if (existing != null && existing.provider().getClass() == provider.getClass()) {
                names.add(name);
                continue;
            }
            Registered clash = existing != null ? existing : newEngines.get(name);
            if (clash != null) {
                throw new EngineLoadException(
                        "two engines are named '" + name + "': " + clash.describe() + " and " + candidate.describe());
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
                String owner = engines.containsKey(alias) || newEngines.containsKey(alias)
                        ? alias
                        : aliases.containsKey(alias) ? aliases.get(alias) : newAliases.get(alias);
                if (owner != null) {
                    throw new EngineLoadException(
                            "alias '" + alias + "' of engine '" + name + "' " + candidate.describe()
                                    + " is already taken by engine '" + owner + "' " + describe(owner, newEngines));
                }
                newAliases.put(alias, name);
            }
            checkOptionsAreDistinct(candidate, name, options);
            newEngines.put(name, candidate);
            names.add(name);
        }
        engines.putAll(newEngines);
        aliases.putAll(newAliases);
        return List.copyOf(names);
    }

    /** "file (psync, sync), nbd, null". */
    String available() {
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

    private static void checkOptionsAreDistinct(Registered candidate, String name, List<EngineOption<?>> options) {
        Set<String> optionNames = new HashSet<>();
        for (EngineOption<?> option : options) {
            if (!optionNames.add(option.name())) {
                throw new EngineLoadException("engine '" + name + "' " + candidate.describe() + " declares option '"
                        + option.name() + "' twice");
            }
        }
    }

    private String describe(String engine, Map<String, Registered> pending) {
        Registered registered = engines.containsKey(engine) ? engines.get(engine) : pending.get(engine);
        return registered == null ? "" : registered.describe();
    }

    private static void checkName(Registered candidate, String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new EngineLoadException("engine provider " + candidate.describe() + " has an invalid " + what + " '"
                    + name + "': use lower case letters, digits and _ - . +");
        }
    }
}
