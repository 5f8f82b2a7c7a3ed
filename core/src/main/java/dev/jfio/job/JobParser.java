package dev.jfio.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fio job files and fio-style command-line job options into a {@link JobSet}.
 *
 * <h2>Job files</h2>
 * INI sections; {@code [global]} sections give defaults to the job sections after them in the
 * same file (a later {@code [global]} does not change earlier jobs). Full-line comments start
 * with {@code ;} or {@code #}; a {@code ;} or {@code #} after whitespace starts a trailing
 * comment. {@code include FILE} reads FILE (relative to the including file) in place.
 * {@code ${VAR}} expands from the environment (empty when unset), {@code $ncpus},
 * {@code $pagesize} and {@code $mb_memory} to this machine's values; values in parentheses are
 * arithmetic. Each job file after the first starts a new stonewalled group, as in fio.
 *
 * <h2>Command line</h2>
 * {@code --key=value} or {@code --key}; each {@code --name=x} starts a job, options before the
 * first {@code --name} are global. Command-line globals override the job files' values for
 * every job (command line wins) and are the defaults of the command-line jobs, which run after
 * the job files' jobs and do not inherit the files' {@code [global]} sections.
 *
 * <p>Thread contract: an instance keeps no state between calls; {@link #parse} may be called
 * from any thread.
 */
public final class JobParser {
    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern KEYWORD = Pattern.compile("\\$(ncpus|pagesize|mb_memory)(?![A-Za-z0-9_])");

    private final OptionCatalog catalog;
    private final Map<String, String> env;
    private final UnaryOperator<String> engineNameResolver;
    private final SystemValues system;

    /**
     * @param catalog            the core and engine options
     * @param env                the environment {@code ${VAR}} reads
     * @param engineNameResolver maps an {@code ioengine} value to the canonical engine name, or
     *                           throws {@link IllegalArgumentException} with a one-line message
     */
    public JobParser(OptionCatalog catalog, Map<String, String> env, UnaryOperator<String> engineNameResolver) {
        this(catalog, env, engineNameResolver, SystemValues.current());
    }

    JobParser(OptionCatalog catalog, Map<String, String> env, UnaryOperator<String> engineNameResolver,
              SystemValues system) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.env = Map.copyOf(env);
        this.engineNameResolver = Objects.requireNonNull(engineNameResolver, "engineNameResolver");
        this.system = system;
    }

    /**
     * Parses the job files, then the command-line options.
     *
     * @param jobFiles           job files, in order
     * @param commandLineOptions fio-style {@code --key[=value]} arguments, in order
     * @param sections           if non-empty, only the job-file sections with these names
     *                           (fio's {@code --section}); command-line jobs are always kept
     * @throws JobSpecException for any mistake, with its file and line
     */
    public JobSet parse(List<Path> jobFiles, List<String> commandLineOptions, Set<String> sections) {
        List<Draft> drafts = new ArrayList<>();
        Map<String, String> globalOptions = new LinkedHashMap<>();
        for (int f = 0; f < jobFiles.size(); f++) {
            readJobFile(jobFiles.get(f), f, drafts, globalOptions);
        }
        if (!sections.isEmpty()) {
            Set<String> found = new LinkedHashSet<>();
            drafts.removeIf(d -> {
                if (sections.contains(d.name)) {
                    found.add(d.name);
                    return false;
                }
                return true;
            });
            for (String wanted : sections) {
                if (!found.contains(wanted)) {
                    throw new JobSpecException(null, "no job section named '" + wanted + "' in the job files");
                }
            }
        }

        List<Setting> cmdGlobals = new ArrayList<>();
        List<Draft> cmdJobs = new ArrayList<>();
        readCommandLine(commandLineOptions, cmdGlobals, cmdJobs);
        for (Setting s : cmdGlobals) {
            globalOptions.put(s.name(), s.value());
        }
        for (Draft d : drafts) {
            d.overrides.addAll(cmdGlobals);
        }
        for (Draft d : cmdJobs) {
            d.inherited.addAll(cmdGlobals);
        }
        drafts.addAll(cmdJobs);

        List<JobSpec> jobs = new ArrayList<>();
        Set<String> usedEngines = new LinkedHashSet<>();
        int previousFile = -1;
        for (Draft d : drafts) {
            boolean newFile = d.fileIndex > 0 && d.fileIndex != previousFile && !jobs.isEmpty();
            previousFile = d.fileIndex;
            jobs.add(build(d, jobs.size(), newFile, usedEngines));
        }
        checkJobCount(jobs);
        if (!jobs.isEmpty()) {
            for (Setting s : cmdGlobals) {
                if (s.engine() && !declaredByAny(s.name(), usedEngines)) {
                    throw new JobSpecException(s.where(), "option '" + s.written() + "' belongs to "
                            + enginesText(s.name()) + ", but no job uses it (ioengine: "
                            + String.join(", ", usedEngines) + ")");
                }
            }
        }
        return new JobSet(globalOptions, jobs);
    }

    /** fio's limit across jobs: at most {@link JobSet#MAX_JOBS} of them, counting every numjobs clone. */
    private static void checkJobCount(List<JobSpec> jobs) {
        long clones = 0;
        for (JobSpec job : jobs) {
            clones += job.numjobs();
            if (clones > JobSet.MAX_JOBS) {
                throw new JobSpecException(job.location("numjobs") != null ? job.location("numjobs")
                        : job.location("name"), "too many jobs: " + clones + " with job '" + job.name()
                        + "' and its numjobs, at most " + JobSet.MAX_JOBS + " (fio's job limit)");
            }
        }
    }

    private boolean declaredByAny(String option, Set<String> engines) {
        for (String e : engines) {
            if (catalog.engineOption(e, option) != null) {
                return true;
            }
        }
        return false;
    }

    private String enginesText(String option) {
        Set<String> engines = new java.util.TreeSet<>(catalog.enginesDeclaring(option));
        if (engines.size() == 1) {
            return "engine '" + engines.iterator().next() + "'";
        }
        return "engines '" + String.join("', '", engines) + "'";
    }

    private JobSpec build(Draft d, int index, boolean newFile, Set<String> usedEngines) {
        Map<String, Setting> effective = new LinkedHashMap<>();
        for (Setting s : d.inherited) {
            effective.put(s.name(), s);
        }
        for (Setting s : d.own) {
            effective.put(s.name(), s);
        }
        for (Setting s : d.overrides) {
            effective.put(s.name(), s);
        }
        Setting engineSetting = effective.get("ioengine");
        String engineText = engineSetting == null || engineSetting.value().trim().isEmpty()
                ? "psync" : engineSetting.value().trim();
        String engine;
        try {
            engine = catalog.canonicalEngine(engineNameResolver.apply(engineText));
        } catch (IllegalArgumentException e) {
            throw new JobSpecException(engineSetting == null ? null : engineSetting.where(), e.getMessage());
        }
        usedEngines.add(engine);
        effective.values().removeIf(s -> {
            if (!s.engine() || catalog.engineOption(engine, s.name()) != null) {
                return false;
            }
            if (d.overrides.contains(s) || (d.commandLine && d.inherited.contains(s))) {
                return true; // a command-line global applies only to jobs whose engine declares it
            }
            throw new JobSpecException(s.where(), "option '" + s.written() + "' belongs to "
                    + enginesText(s.name()) + ", but job '" + d.name + "' uses ioengine=" + engineText);
        });
        return JobSpecBuilder.build(d.name, index, engine, effective, d.own, catalog, newFile);
    }

    // ------------------------------------------------------------------ job files

    private void readJobFile(Path file, int fileIndex, List<Draft> drafts, Map<String, String> globalOptions) {
        FileState state = new FileState(fileIndex);
        readLines(file, null, state, new ArrayDeque<>());
        for (Draft d : state.jobs) {
            drafts.add(d);
        }
        for (Setting s : state.globals) {
            globalOptions.put(s.name(), s.value());
        }
    }

    private void readLines(Path file, SourceLocation includedFrom, FileState state, Deque<Path> reading) {
        Path key = file.toAbsolutePath().normalize();
        if (reading.contains(key)) {
            throw new JobSpecException(includedFrom, "include loop: " + file + " is already being read");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
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
                state.startSection(name);
                continue;
            }
            if (line.equals("include") || (line.startsWith("include") && Character.isWhitespace(line.charAt(7)))) {
                String target = expand(line.substring(7).trim());
                if (target.isEmpty()) {
                    throw new JobSpecException(where, "include needs a file name");
                }
                Path parent = file.getParent();
                Path included = parent == null ? Path.of(target) : parent.resolve(target);
                readLines(included, where, state, reading);
                continue;
            }
            if (!state.inSection()) {
                throw new JobSpecException(where, "option '" + line + "' outside of any [section]");
            }
            state.add(setting(line, where));
        }
        reading.pop();
    }

    private static String reason(Exception e, Path file) {
        Throwable t = e instanceof java.io.UncheckedIOException ? e.getCause() : e;
        if (t instanceof NoSuchFileException) {
            return "no such file";
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof java.nio.charset.CharacterCodingException) {
            return "not a text file (bad UTF-8)";
        }
        if (t instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) t).getReason() != null) {
            String r = ((java.nio.file.FileSystemException) t).getReason();
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

    private Setting setting(String text, SourceLocation where) {
        int eq = text.indexOf('=');
        String written = (eq < 0 ? text : text.substring(0, eq)).trim();
        String value = eq < 0 ? "" : expand(text.substring(eq + 1).trim());
        if (written.isEmpty()) {
            throw new JobSpecException(where, "missing option name in '" + text + "'");
        }
        OptionDescriptor d = catalog.check(written, where);
        return new Setting(d == null ? written : d.name(), written, value, where, d == null);
    }

    /** Expands {@code ${VAR}} (unset: empty) and fio's {@code $ncpus}, {@code $pagesize}, {@code $mb_memory}. */
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
                case "ncpus": v = system.ncpus(); break;
                case "pagesize": v = system.pagesize(); break;
                default: v = system.mbMemory(); break;
            }
            k.appendReplacement(out, Long.toString(v));
        }
        k.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------ command line

    private void readCommandLine(List<String> args, List<Setting> globals, List<Draft> jobs) {
        Draft current = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            SourceLocation where = SourceLocation.commandLine(i + 1);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new JobSpecException(where, "expected --option or --option=value, got '" + arg + "'");
            }
            Setting s = setting(arg.substring(2), where);
            if (s.name().equals("name")) {
                if (s.value().isEmpty()) {
                    throw new JobSpecException(where, "option '--name' requires a value");
                }
                current = new Draft(s.value(), -1, true);
                jobs.add(current);
            }
            if (current == null) {
                globals.add(s);
            } else {
                current.own.add(s);
            }
        }
    }

    // ------------------------------------------------------------------ state

    /** One job before merging. */
    private static final class Draft {
        final String name;
        final int fileIndex;
        final boolean commandLine;
        final List<Setting> inherited = new ArrayList<>();
        final List<Setting> own = new ArrayList<>();
        final List<Setting> overrides = new ArrayList<>();

        Draft(String name, int fileIndex, boolean commandLine) {
            this.name = name;
            this.fileIndex = fileIndex;
            this.commandLine = commandLine;
        }
    }

    /** What has been read of one top-level job file and its includes. */
    private static final class FileState {
        final int fileIndex;
        /** The running defaults: every [global] setting read so far. */
        final List<Setting> globals = new ArrayList<>();
        final List<Draft> jobs = new ArrayList<>();
        private boolean inSection;
        private Draft currentJob;

        FileState(int fileIndex) {
            this.fileIndex = fileIndex;
        }

        void startSection(String name) {
            inSection = true;
            if (name.equals("global")) {
                currentJob = null;
            } else {
                currentJob = new Draft(name, fileIndex, false);
                currentJob.inherited.addAll(globals);
                jobs.add(currentJob);
            }
        }

        boolean inSection() {
            return inSection;
        }

        void add(Setting s) {
            if (currentJob == null) {
                globals.add(s);
            } else {
                currentJob.own.add(s);
            }
        }
    }
}
