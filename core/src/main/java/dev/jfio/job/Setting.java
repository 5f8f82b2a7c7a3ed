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
}
