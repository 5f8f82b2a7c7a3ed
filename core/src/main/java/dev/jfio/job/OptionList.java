package dev.jfio.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The declarations of one holder of core option keys ({@link TargetKeys} and its siblings), kept
 * in the order they are made. Filled while its holder class initializes, which the JVM runs once
 * on one thread; read-only afterwards.
 */
final class OptionList {
    private final List<CoreOption<?>> declared = new ArrayList<>();

    /** A key without aliases whose {@code --cmdhelp} default is its default value. */
    <T> CoreOption<T> add(
            String name, OptionType type, T dflt, String help, String category, CoreOption.Parser<T> parser) {
        return add(name, List.of(), type, dflt, help, category, parser);
    }

    <T> CoreOption<T> add(
            String name,
            List<String> aliases,
            OptionType type,
            T dflt,
            String help,
            String category,
            CoreOption.Parser<T> parser) {
        return declare(name, aliases, type, dflt, defaultText(dflt), help, category, List.of(), parser);
    }

    /** A key whose value is one of {@code choices}, as {@code --cmdhelp} lists them. */
    <T> CoreOption<T> choice(
            String name,
            T dflt,
            String dfltText,
            String help,
            String category,
            List<String> choices,
            CoreOption.Parser<T> parser) {
        return declare(name, List.of(), OptionType.CHOICE, dflt, dfltText, help, category, choices, parser);
    }

    <T> CoreOption<T> declare(
            String name,
            List<String> aliases,
            OptionType type,
            T dflt,
            String dfltText,
            String help,
            String category,
            List<String> choices,
            CoreOption.Parser<T> parser) {
        CoreOption<T> o = new CoreOption<>(name, aliases, type, dflt, dfltText, help, category, choices, parser);
        declared.add(o);
        return o;
    }

    List<CoreOption<?>> declared() {
        return Collections.unmodifiableList(declared);
    }

    /** The default as {@code --cmdhelp} shows it: booleans as 1/0. */
    private static String defaultText(Object dflt) {
        if (dflt instanceof Boolean) {
            return (Boolean) dflt ? "1" : "0";
        }
        return dflt == null ? null : dflt.toString();
    }
}
