package dev.jfio.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of fio job files: INI sections, comments, {@code include}, {@code ${VAR}} and
 * fio's {@code $ncpus}-style keywords, into {@link Entry entries} that say what each line sets
 * and where, before any option name is checked (that needs the engines the entries name).
 *
 * <p>Thread contract: keeps no state between calls; usable from any thread.
 */
final class JobFileReader {
    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern KEYWORD = Pattern.compile("\\$(ncpus|pagesize|mb_memory|ranks|rank)(?![A-Za-z0-9_])");

    private final Map<String, String> env;
    private final SystemValues system;
    /** What {@code $rank} and {@code $ranks} expand to (0 and 1 when jfio runs alone). */
    private final int rank;

    private final int ranks;

    /**
     * One section header ({@code section} set, the rest null) or one {@code option=value}, as read.
     *
     * @param section the section's name, or null for an option
     * @param option  the option's name as written
     * @param value   the value after expansion; empty when the option was named alone
     * @param where   the file and line, or the command-line position
     */
    record Entry(String section, String option, String value, SourceLocation where) {}

    JobFileReader(Map<String, String> env, SystemValues system) {
        this(env, system, 0, 1);
    }

    /** As {@link #JobFileReader(Map, SystemValues)}, with the values of {@code $rank} and {@code $ranks}. */
    JobFileReader(Map<String, String> env, SystemValues system, int rank, int ranks) {
        this.env = Map.copyOf(env);
        this.system = system;
        this.rank = rank;
        this.ranks = ranks;
    }

    /**
     * Reads one top-level job file and what it includes, appending to {@code into}.
     *
     * @throws JobSpecException at the first mistake; {@code into} then holds what came before it
     */
    void read(Path file, List<Entry> into) {
        readLines(file, null, into, new ArrayDeque<>(), new boolean[1]);
    }

    private void readLines(
            Path file, SourceLocation includedFrom, List<Entry> into, Deque<Path> reading, boolean[] inSection) {
        Path key = file.toAbsolutePath().normalize();
        if (reading.contains(key)) {
            throw new JobSpecException(includedFrom, "include loop: " + file + " is already being read");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            String what = includedFrom == null ? "cannot read job file " : "cannot read included file ";
            throw new JobSpecException(includedFrom, what + file + ": " + reason(e, file));
        }
        reading.push(key);
        String fileName = file.toString();
        for (int i = 0; i < lines.size(); i++) {
            SourceLocation where = new SourceLocation(fileName, i + 1);
            String text = lines.get(i);
            if (i == 0 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // the byte order mark some Windows editors write
            }
            String line = stripComment(text).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                into.add(new Entry(sectionName(line, where), null, null, where));
                inSection[0] = true;
                continue;
            }
            if (line.equals("include") || (line.startsWith("include") && Character.isWhitespace(line.charAt(7)))) {
                String target = expand(line.substring(7).trim());
                if (target.isEmpty()) {
                    throw new JobSpecException(where, "include needs a file name");
                }
                Path parent = file.getParent();
                Path included = parent == null ? Path.of(target) : parent.resolve(target);
                readLines(included, where, into, reading, inSection);
                continue;
            }
            if (!inSection[0]) {
                throw new JobSpecException(where, "option '" + line + "' outside of any [section]");
            }
            into.add(option(line, where));
        }
        reading.pop();
    }

    private static String sectionName(String line, SourceLocation where) {
        int close = line.indexOf(']');
        if (close < 0) {
            throw new JobSpecException(where, "unterminated section header '" + line + "' (missing ']')");
        }
        String name = line.substring(1, close).trim();
        if (name.isEmpty()) {
            throw new JobSpecException(where, "empty section name '[]'");
        }
        if (!line.substring(close + 1).trim().isEmpty()) {
            throw new JobSpecException(where, "unexpected text after section header '" + line + "'");
        }
        return name;
    }

    /**
     * {@code name=value} or {@code name} (a job file line or a command-line argument without its
     * dashes) as an entry, its value expanded.
     *
     * @throws JobSpecException when the name is missing
     */
    Entry option(String text, SourceLocation where) {
        int eq = text.indexOf('=');
        String written = (eq < 0 ? text : text.substring(0, eq)).trim();
        String value = eq < 0 ? "" : expand(text.substring(eq + 1).trim());
        if (written.isEmpty()) {
            throw new JobSpecException(where, "missing option name in '" + text + "'");
        }
        return new Entry(null, written, value, where);
    }

    private static String reason(Exception e, Path file) {
        Throwable t = e instanceof UncheckedIOException ? e.getCause() : e;
        if (t instanceof NoSuchFileException) {
            return "no such file";
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof CharacterCodingException) {
            return "not a text file (bad UTF-8)";
        }
        if (t instanceof FileSystemException && ((FileSystemException) t).getReason() != null) {
            String r = ((FileSystemException) t).getReason();
            // strerror's capital ("Is a directory") reads oddly after a colon, beside "no such file"
            return r.isEmpty() ? r : Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Drops a {@code ;} or {@code #} comment that starts the line or follows whitespace. */
    static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == ';' || c == '#') && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /**
     * Expands {@code ${VAR}} (unset: empty), fio's {@code $ncpus}, {@code $pagesize}, {@code $mb_memory}
     * and jfio's {@code $rank}, {@code $ranks}.
     */
    String expand(String value) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        Matcher m = ENV_VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(sb);
        Matcher k = KEYWORD.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (k.find()) {
            long v;
            switch (k.group(1)) {
                case "ncpus":
                    v = system.ncpus();
                    break;
                case "pagesize":
                    v = system.pagesize();
                    break;
                case "rank":
                    v = rank;
                    break;
                case "ranks":
                    v = ranks;
                    break;
                default:
                    v = system.mbMemory();
                    break;
            }
            k.appendReplacement(out, Long.toString(v));
        }
        k.appendTail(out);
        return out.toString();
    }
}
