package dev.jfio.job;

import java.util.List;

/**
 * A core (engine-independent) option: its name, the aliases fio accepts, its value syntax,
 * default, one-line help, {@code --cmdhelp} category and whether jfio implements it. Setting an
 * option that is not implemented is an error, so a job never silently runs differently from fio.
 *
 * @param defaultValue the default as fio's {@code --cmdhelp} shows it, or null
 * @param choices      the accepted values of a {@link OptionType#CHOICE} option, else empty
 */
public record OptionDescriptor(String name, List<String> aliases, OptionType type, String defaultValue,
                               String help, String category, boolean implemented, List<String> choices) {
    public OptionDescriptor {
        aliases = List.copyOf(aliases);
        choices = List.copyOf(choices);
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
}
