package dev.jfio.spi;

import java.util.List;
import java.util.Objects;

/**
 * A typed engine option, in the manner of {@link java.net.SocketOption}: a key that an engine
 * declares in {@link IoEngineProvider#options()} and reads back with {@link JobView#get(EngineOption)}.
 *
 * <p>The core accepts every declared option in job files and on the command line, in any
 * position (before or after the job file, before or after {@code --name}), parses it with
 * fio's syntax for its {@link EngineOptionType} and reports a bad value as one line naming the
 * option. Instances are immutable and compared by identity; declare them as constants.
 *
 * @param <T> the Java type of the parsed value
 */
public final class EngineOption<T> {
    private final String name;
    private final EngineOptionType type;
    private final Class<T> javaType;
    private final T defaultValue;
    private final String help;
    private final List<String> choices;

    private EngineOption(
            String name, EngineOptionType type, Class<T> javaType, T defaultValue, String help, List<String> choices) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("option name must be lower case: " + name);
        }
        this.name = name;
        this.type = type;
        this.javaType = javaType;
        this.defaultValue = defaultValue;
        this.help = Objects.requireNonNull(help, "help");
        this.choices = List.copyOf(choices);
    }

    /** A text option; {@code defaultValue} may be null (unset). */
    public static EngineOption<String> string(String name, String defaultValue, String help) {
        return new EngineOption<>(name, EngineOptionType.STRING, String.class, defaultValue, help, List.of());
    }

    /** An integer option. */
    public static EngineOption<Long> integer(String name, long defaultValue, String help) {
        return new EngineOption<>(name, EngineOptionType.INTEGER, Long.class, defaultValue, help, List.of());
    }

    /** A size option in bytes (fio suffixes). */
    public static EngineOption<Long> size(String name, long defaultValue, String help) {
        return new EngineOption<>(name, EngineOptionType.SIZE, Long.class, defaultValue, help, List.of());
    }

    /** A duration option, read back in nanoseconds (bare numbers are seconds, as in fio). */
    public static EngineOption<Long> time(String name, long defaultNanos, String help) {
        return new EngineOption<>(name, EngineOptionType.TIME, Long.class, defaultNanos, help, List.of());
    }

    /** A boolean option; naming it without a value sets it. */
    public static EngineOption<Boolean> bool(String name, boolean defaultValue, String help) {
        return new EngineOption<>(name, EngineOptionType.BOOLEAN, Boolean.class, defaultValue, help, List.of());
    }

    /** An option whose value must be one of {@code choices}. */
    public static EngineOption<String> choice(String name, String defaultValue, String help, String... choices) {
        if (choices.length == 0) {
            throw new IllegalArgumentException("a choice option needs choices: " + name);
        }
        return new EngineOption<>(name, EngineOptionType.CHOICE, String.class, defaultValue, help, List.of(choices));
    }

    public String name() {
        return name;
    }

    public EngineOptionType type() {
        return type;
    }

    public Class<T> javaType() {
        return javaType;
    }

    /** The value when the job does not set the option; may be null for STRING options. */
    public T defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    /** The accepted values of a {@link EngineOptionType#CHOICE} option, empty otherwise. */
    public List<String> choices() {
        return choices;
    }

    @Override
    public String toString() {
        return name;
    }
}
