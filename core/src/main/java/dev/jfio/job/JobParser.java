package dev.jfio.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Reads fio job files and fio-style command-line job options into a {@link JobSet}.
 *
 * <h2>Job files</h2>
 * INI sections; {@code [global]} sections give defaults to the job sections after them in the
 * same file (a later {@code [global]} does not change earlier jobs). Full-line comments start
 * with {@code ;} or {@code #}; a {@code ;} or {@code #} after whitespace starts a trailing
 * comment. {@code include FILE} reads FILE (relative to the including file) in place.
 * {@code ${VAR}} expands from the environment (empty when unset), {@code $ncpus},
 * {@code $pagesize} and {@code $mb_memory} to this machine's values, {@code $rank} and {@code $ranks}
 * to this process's rank and the run's number of ranks ({@link #forRank}); values in parentheses are
 * arithmetic. Each job file after the first starts a new stonewalled group, as in fio.
 *
 * <h2>Command line</h2>
 * {@code --key=value} or {@code --key}; each {@code --name=x} starts a job, options before the
 * first {@code --name} are global. Command-line globals override the job files' values for
 * every job (command line wins) and are the defaults of the command-line jobs, which run after
 * the job files' jobs and do not inherit the files' {@code [global]} sections.
 *
 * <h2>Engines</h2>
 * The job files and the command line are read first, then every engine an {@code ioengine=external:PATH}
 * names (in a job, a {@code [global]} section, an included file or on the command line) is
 * loaded, and only then are option names checked against the core options and the engines' own,
 * so an engine's options may come before or after its {@code ioengine} line. Mistakes are
 * reported in the order of the input all the same.
 *
 * <p>Thread contract: an instance keeps no state between calls; {@link #parse} may be called
 * from any thread (the {@link JobEngines} given must then be thread-safe).
 */
public final class JobParser {
    /** fio's {@code ioengine=external:PATH}: an engine that must be loaded before options are checked. */
    private static final String EXTERNAL = "external:";

    private final JobEngines engines;
    private final JobFileReader reader;
    private final Map<String, String> env;
    private final SystemValues system;

    /**
     * @param catalog            the core and engine options
     * @param env                the environment {@code ${VAR}} reads
     * @param engineNameResolver maps an {@code ioengine} value to the canonical engine name, or
     *                           throws {@link IllegalArgumentException} with a one-line message
     */
    public JobParser(OptionCatalog catalog, Map<String, String> env, UnaryOperator<String> engineNameResolver) {
        this(JobEngines.fixed(catalog, engineNameResolver), env);
    }

    /**
     * @param engines the engines {@code ioengine} names, which {@code external:PATH} may add to
     * @param env     the environment {@code ${VAR}} reads
     */
    public JobParser(JobEngines engines, Map<String, String> env) {
        this(engines, env, SystemValues.current());
    }

    JobParser(
            OptionCatalog catalog,
            Map<String, String> env,
            UnaryOperator<String> engineNameResolver,
            SystemValues system) {
        this(JobEngines.fixed(catalog, engineNameResolver), env, system);
    }

    JobParser(JobEngines engines, Map<String, String> env, SystemValues system) {
        this(engines, env, system, new JobFileReader(env, system));
    }

    private JobParser(JobEngines engines, Map<String, String> env, SystemValues system, JobFileReader reader) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.env = env;
        this.system = system;
        this.reader = reader;
    }

    /**
     * A parser whose {@code $rank} and {@code $ranks} expand to {@code rank} and {@code ranks} (they are
     * 0 and 1 otherwise), for a process that is one rank of a run on several hosts.
     */
    public JobParser forRank(int rank, int ranks) {
        return new JobParser(engines, env, system, new JobFileReader(env, system, rank, ranks));
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
        JobText text = read(jobFiles, commandLineOptions);
        loadExternalEngines(text);
        OptionCatalog catalog = engines.catalog();

        List<Draft> drafts = new ArrayList<>();
        Map<String, String> globalOptions = new LinkedHashMap<>();
        for (int f = 0; f < text.files.size(); f++) {
            FileState state = new FileState(f);
            for (JobFileReader.Entry e : text.files.get(f)) {
                if (e.section() != null) {
                    state.startSection(e.section());
                } else {
                    state.add(setting(e, catalog));
                }
            }
            drafts.addAll(state.jobs);
            for (Setting s : state.globals) {
                globalOptions.put(s.name(), s.value());
            }
        }
        if (text.fileError != null) {
            throw text.fileError;
        }
        if (!sections.isEmpty()) {
            keepSections(drafts, sections);
        }

        List<Setting> cmdGlobals = new ArrayList<>();
        List<Draft> cmdJobs = new ArrayList<>();
        commandLineJobs(text, catalog, cmdGlobals, cmdJobs);
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
            jobs.add(build(d, jobs.size(), newFile, usedEngines, catalog));
        }
        checkJobCount(jobs);
        if (!jobs.isEmpty()) {
            for (Setting s : cmdGlobals) {
                if (s.engine() && !declaredByAny(s.name(), usedEngines, catalog)) {
                    throw new JobSpecException(
                            s.where(),
                            "option '" + s.written() + "' belongs to "
                                    + enginesText(s.name(), catalog) + ", but no job uses it (ioengine: "
                                    + String.join(", ", usedEngines) + ")");
                }
            }
        }
        return new JobSet(globalOptions, jobs);
    }

    /**
     * Loads every engine that an {@code ioengine=external:PATH} in the job files (with their
     * includes) or the command line names, so that help can describe its options; mistakes in the
     * jobs other than an engine that cannot be loaded are left to {@link #parse}.
     *
     * @throws JobSpecException when an engine cannot be loaded, with the file and line naming it
     */
    public void loadEngines(List<Path> jobFiles, List<String> commandLineOptions) {
        loadExternalEngines(read(jobFiles, commandLineOptions));
    }

    /** What the job files and the command line say, read up to the first mistake in each. */
    private static final class JobText {
        final List<List<JobFileReader.Entry>> files = new ArrayList<>();
        final List<JobFileReader.Entry> commandLine = new ArrayList<>();
        /** The mistake that stopped reading the job files, reported after what came before it. */
        JobSpecException fileError;
        /** The mistake that stopped reading the command line. */
        JobSpecException commandLineError;
    }

    private JobText read(List<Path> jobFiles, List<String> commandLineOptions) {
        JobText text = new JobText();
        try {
            for (Path file : jobFiles) {
                List<JobFileReader.Entry> entries = new ArrayList<>();
                text.files.add(entries);
                reader.read(file, entries);
            }
        } catch (JobSpecException e) {
            text.fileError = e;
        }
        try {
            for (int i = 0; i < commandLineOptions.size(); i++) {
                String arg = commandLineOptions.get(i);
                SourceLocation where = SourceLocation.commandLine(i + 1);
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new JobSpecException(where, "expected --option or --option=value, got '" + arg + "'");
                }
                text.commandLine.add(reader.option(arg.substring(2), where));
            }
        } catch (JobSpecException e) {
            text.commandLineError = e;
        }
        return text;
    }

    /** Loads the engines of every {@code ioengine=external:PATH}: the command line's, then the files'. */
    private void loadExternalEngines(JobText text) {
        List<JobFileReader.Entry> entries = new ArrayList<>(text.commandLine);
        for (List<JobFileReader.Entry> file : text.files) {
            entries.addAll(file);
        }
        for (JobFileReader.Entry e : entries) {
            if (e.option() == null || !e.value().startsWith(EXTERNAL)) {
                continue;
            }
            CoreOption<?> d = CoreOptions.find(e.option());
            if (d != null && d.name().equals("ioengine")) {
                try {
                    engines.resolve(e.value());
                } catch (IllegalArgumentException x) {
                    throw new JobSpecException(e.where(), x.getMessage());
                }
            }
        }
    }

    /** Checks an option's name: a core option, or one of a known engine's. */
    private static Setting setting(JobFileReader.Entry e, OptionCatalog catalog) {
        CoreOption<?> d = catalog.check(e.option(), e.where());
        return new Setting(d == null ? e.option() : d.name(), e.option(), e.value(), e.where(), d == null);
    }

    private static void keepSections(List<Draft> drafts, Set<String> sections) {
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

    /** Each {@code --name=x} starts a job; the options before the first are global. */
    private static void commandLineJobs(JobText text, OptionCatalog catalog, List<Setting> globals, List<Draft> jobs) {
        Draft current = null;
        for (JobFileReader.Entry e : text.commandLine) {
            Setting s = setting(e, catalog);
            if (s.name().equals("name")) {
                if (s.value().isEmpty()) {
                    throw new JobSpecException(s.where(), "option '--name' requires a value");
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
        if (text.commandLineError != null) {
            throw text.commandLineError;
        }
    }

    /** fio's limit across jobs: at most {@link JobSet#MAX_JOBS} of them, counting every numjobs clone. */
    private static void checkJobCount(List<JobSpec> jobs) {
        long clones = 0;
        for (JobSpec job : jobs) {
            clones += job.numjobs();
            if (clones > JobSet.MAX_JOBS) {
                throw new JobSpecException(
                        job.location("numjobs") != null ? job.location("numjobs") : job.location("name"),
                        "too many jobs: " + clones + " with job '" + job.name() + "' and its numjobs, at most "
                                + JobSet.MAX_JOBS + " (fio's job limit)");
            }
        }
    }

    private static boolean declaredByAny(String option, Set<String> engines, OptionCatalog catalog) {
        for (String e : engines) {
            if (catalog.engineOption(e, option) != null) {
                return true;
            }
        }
        return false;
    }

    private static String enginesText(String option, OptionCatalog catalog) {
        Set<String> engines = new TreeSet<>(catalog.enginesDeclaring(option));
        if (engines.size() == 1) {
            return "engine '" + engines.iterator().next() + "'";
        }
        return "engines '" + String.join("', '", engines) + "'";
    }

    private JobSpec build(Draft d, int index, boolean newFile, Set<String> usedEngines, OptionCatalog catalog) {
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
        String engineText =
                engineSetting == null || engineSetting.value().trim().isEmpty()
                        ? "psync"
                        : engineSetting.value().trim();
        String engine;
        try {
            engine = catalog.canonicalEngine(engines.resolve(engineText));
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
            throw new JobSpecException(
                    s.where(),
                    "option '" + s.written() + "' belongs to " + enginesText(s.name(), catalog) + ", but job '" + d.name
                            + "' uses ioengine=" + engineText);
        });
        return JobSpecBuilder.build(d.name, index, engine, effective, d.own, catalog, newFile);
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

    /** The jobs and running defaults of one top-level job file and its includes. */
    private static final class FileState {
        final int fileIndex;
        /** The running defaults: every [global] setting read so far. */
        final List<Setting> globals = new ArrayList<>();

        final List<Draft> jobs = new ArrayList<>();
        private Draft currentJob;

        FileState(int fileIndex) {
            this.fileIndex = fileIndex;
        }

        void startSection(String name) {
            if (name.equals("global")) {
                currentJob = null;
            } else {
                currentJob = new Draft(name, fileIndex, false);
                currentJob.inherited.addAll(globals);
                jobs.add(currentJob);
            }
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
