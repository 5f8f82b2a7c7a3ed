package dev.jfio.job;

/**
 * Where an option was set: a job file and line, or {@link #COMMAND_LINE} and the position of the
 * argument (from 1).
 */
public record SourceLocation(String file, int line) {
    /** The file name used for command-line options. */
    public static final String COMMAND_LINE = "command line";

    /** A command-line argument at {@code position} (from 1). */
    public static SourceLocation commandLine(int position) {
        return new SourceLocation(COMMAND_LINE, position);
    }

    /** Whether the option came from the command line. */
    public boolean isCommandLine() {
        return COMMAND_LINE.equals(file);
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
