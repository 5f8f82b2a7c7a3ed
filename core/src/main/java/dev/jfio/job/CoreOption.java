package dev.jfio.job;

import java.util.List;
import java.util.Objects;

/**
 * A core (engine-independent) option as a typed key, in the shape of the SPI's
 * {@code EngineOption}: its name, the aliases fio accepts, its value syntax, its parser, default,
 * one-line help and {@code --cmdhelp} category. An option jfio cannot apply has a parser that
 * refuses every value with the reason ({@link #refusal()}), so a job never silently runs
 * differently from fio. Every core option is declared once, in {@link CoreOptions}. Immutable;
 * safe from any thread.
 *
 * @param <T> the parsed value's type
 */
public final class CoreOption<T> {
    /** Turns one setting into a value, or throws {@link JobSpecException} at its file:line. */
    @FunctionalInterface
    interface Parser<T> {
        /**
         * @param s      the setting (present)
         * @param kbBase 1024 or 1000, for sizes
         */
        T parse(Setting s, int kbBase);
    }

    private final String name;
    private final List<String> aliases;
    private final OptionType type;
    private final T defaultValue;
    private final String defaultText;
    private final String help;
    private final String category;
    private final List<String> choices;
    private final Parser<T> parser;

    CoreOption(
            String name,
            List<String> aliases,
            OptionType type,
            T defaultValue,
            String defaultText,
            String help,
            String category,
            List<String> choices,
            Parser<T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.aliases = List.copyOf(aliases);
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.help = help;
        this.category = category;
        this.choices = List.copyOf(choices);
        this.parser = parser;
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** Every name the option answers to: its name, then its aliases. */
    public List<String> names() {
        if (aliases.isEmpty()) {
            return List.of(name);
        }
        String[] all = new String[aliases.size() + 1];
        all[0] = name;
        for (int i = 0; i < aliases.size(); i++) {
            all[i + 1] = aliases.get(i);
        }
        return List.of(all);
    }

    /** The value syntax, as {@code --cmdhelp} shows it. */
    public OptionType type() {
        return type;
    }

    /** The value when the job does not set the option; null when it has none (or depends on other options). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as fio's {@code --cmdhelp} shows it, or null. */
    public String defaultText() {
        return defaultText;
    }

    public String help() {
        return help;
    }

    /** The {@code --cmdhelp} category. */
    public String category() {
        return category;
    }

    /** The accepted values of a {@link OptionType#CHOICE} option, else empty. */
    public List<String> choices() {
        return choices;
    }

    /**
     * Why jfio refuses this option whatever its value (an option of fio's for something jfio cannot
     * do, such as cgroups or zoned block devices), or null when some value is accepted: the error a
     * job gets, found by offering the parser typical values of every option type.
     */
    public String refusal() {
        List<String> probes = new java.util.ArrayList<>(
                List.of("1", "0", "", "none", "4k", "1s", "x", "read", "random", "roundrobin", "iops:1%", "write"));
        probes.addAll(choices);
        String first = null;
        for (String probe : probes) {
            try {
                parser.parse(new Setting(name, name, probe, null, false), 1024);
                return null;
            } catch (JobSpecException | IllegalArgumentException e) {
                first = first == null ? e.getMessage() : first;
            }
        }
        return first;
    }

    /** The value of setting {@code s}; JobSpecException at its file:line when it is not valid. */
    T parse(Setting s, int kbBase) {
        return parser.parse(s, kbBase);
    }

    @Override
    public String toString() {
        return name;
    }
}
