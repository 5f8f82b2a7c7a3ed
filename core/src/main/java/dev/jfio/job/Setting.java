package dev.jfio.job;

/**
 * One {@code name=value} as a job file line or a command-line argument gave it.
 *
 * @param name    the canonical option name (aliases resolved)
 * @param written the name as written
 * @param value   the text after {@code ${VAR}} expansion; empty when the option was named alone
 * @param where   where it was set
 * @param engine  whether it is an engine option rather than a core one
 */
record Setting(String name, String written, String value, SourceLocation where, boolean engine) {

    /** The value; an error when the option was named without one. */
    String require() {
        if (value.isEmpty()) {
            throw new JobSpecException(where, "option '" + written + "' requires a value");
        }
        return value;
    }

    /** The value as a fio boolean (1/0, true/false, ...), or {@code dflt} when {@code s} is null (not set). */
    static boolean bool(Setting s, boolean dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return NumberParsers.parseBool(s.value);
        } catch (IllegalArgumentException e) {
            throw error(s, e.getMessage());
        }
    }

    /**
     * An error about {@code s} at its location (none when {@code s} is null); the message names the
     * option and its value unless it already starts with the option's name.
     */
    static JobSpecException error(Setting s, String message) {
        if (s == null) {
            return new JobSpecException(null, message);
        }
        boolean named = message.startsWith(s.written) || message.startsWith(s.name);
        return new JobSpecException(s.where, named ? message : s.written + "=" + s.value + ": " + message);
    }
}
