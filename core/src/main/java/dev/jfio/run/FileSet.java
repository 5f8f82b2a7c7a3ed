package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.job.ValueParsers;
import dev.jfio.workload.Rng;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of one job clone, as fio's file options describe them: names ({@code filename}, else
 * {@code nrfiles} files named {@code jobname.clone.N} as fio's default filename_format
 * {@code $jobname.$jobnum.$filenum}), each prefixed by {@code directory}; sizes ({@code filesize},
 * a range picking a random size per file, aligned down to the smallest block size); the service
 * order ({@code file_service_type}); how many are open at once ({@code openfiles}); {@code fsync_on_close}. Built on the
 * runner's main thread; immutable.
 */
final class FileSet {
    private final List<String> names;
    private final long[] fileSizes;
    private final TargetSelector.Kind serviceKind;
    private final int serviceSwitch;
    private final int openFiles;
    private final boolean fsyncOnClose;

    private FileSet(List<String> names, long[] fileSizes, TargetSelector.Kind serviceKind, int serviceSwitch,
                    int openFiles, boolean fsyncOnClose) {
        this.names = names;
        this.fileSizes = fileSizes;
        this.serviceKind = serviceKind;
        this.serviceSwitch = serviceSwitch;
        this.openFiles = openFiles;
        this.fsyncOnClose = fsyncOnClose;
    }

    /**
     * @throws SetupFailedException with a one-line message naming the job and the option when a
     *     value is not valid or not supported
     */
    static FileSet of(JobSpec spec, int cloneIndex) {
        String job = spec.name();
        int nrfiles = intOption(spec, "nrfiles", 1);
        if (nrfiles < 1) {
            throw new SetupFailedException(job + ": nrfiles must be at least 1, got " + nrfiles);
        }
        List<String> base = new ArrayList<>();
        if (spec.filenames().isEmpty()) {
            for (int i = 0; i < nrfiles; i++) {
                base.add(job + "." + cloneIndex + "." + i);
            }
        } else {
            base.addAll(spec.filenames());
        }
        String directory = spec.directory();
        if (directory != null && directory.contains(":")) {
            throw new SetupFailedException(job + ": directory=" + directory
                    + ": several ':'-separated directories are not supported yet");
        }
        List<String> names = new ArrayList<>();
        for (String name : base) {
            names.add(directory == null || directory.isEmpty() ? name : Path.of(directory).resolve(name).toString());
        }
        int openFiles = intOption(spec, "openfiles", Integer.MAX_VALUE);
        if (openFiles < 1) {
            throw new SetupFailedException(job + ": openfiles must be at least 1, got " + openFiles);
        }
        long[] sizes = null;
        String sizeText = spec.raw("filesize");
        if (sizeText != null) {
            long[] range;
            try {
                range = ValueParsers.parseRange(sizeText, spec.kbBase());
            } catch (IllegalArgumentException e) {
                throw new SetupFailedException(job + ": filesize=" + sizeText + ": " + e.getMessage(), e);
            }
            int align = Math.max(1, spec.minBlockSize());
            Rng rng = new Rng(Rng.seedFor(spec.randseed(), spec.index(), cloneIndex, 41));
            sizes = new long[names.size()];
            for (int i = 0; i < sizes.length; i++) {
                long s = range[0] == range[1] ? range[0] : range[0] + rng.nextLong(range[1] - range[0] + 1);
                sizes[i] = s / align * align;
            }
        }
        String service = spec.raw("file_service_type");
        TargetSelector.Kind kind = TargetSelector.Kind.ROUNDROBIN;
        int every = 1;
        if (service != null) {
            String t = service.trim().toLowerCase(Locale.ROOT);
            int colon = t.indexOf(':');
            String k = colon < 0 ? t : t.substring(0, colon);
            switch (k) {
                case "roundrobin":
                    kind = TargetSelector.Kind.ROUNDROBIN;
                    break;
                case "sequential":
                    kind = TargetSelector.Kind.SEQUENTIAL;
                    break;
                case "random":
                    kind = TargetSelector.Kind.RANDOM;
                    break;
                case "zipf":
                case "pareto":
                case "normal":
                case "gauss":
                    throw new SetupFailedException(job + ": file_service_type=" + service + " is not supported yet"
                            + " (supported: roundrobin, sequential, random, each with an optional :N)");
                default:
                    throw new SetupFailedException(job + ": file_service_type=" + service + " is not valid"
                            + " (accepted: roundrobin, sequential, random, each with an optional :N)");
            }
            if (colon >= 0) {
                try {
                    every = ValueParsers.parseInt(t.substring(colon + 1), spec.kbBase());
                } catch (IllegalArgumentException e) {
                    throw new SetupFailedException(job + ": file_service_type=" + service + ": " + e.getMessage(), e);
                }
                if (every < 1) {
                    throw new SetupFailedException(job + ": file_service_type=" + service
                            + ": the number of I/Os per file must be at least 1");
                }
            }
        }
        boolean fsyncOnClose = boolOption(spec, "fsync_on_close");
        return new FileSet(List.copyOf(names), sizes, kind, every, openFiles, fsyncOnClose);
    }

    /** The target names, directory included, in order. */
    List<String> names() {
        return names;
    }

    /** Each file's size from {@code filesize} (a copy), or null when the job does not set it. */
    long[] fileSizes() {
        return fileSizes == null ? null : fileSizes.clone();
    }

    /** A fresh selector for the job thread, over {@code targetCount} targets (the engine may have replaced the files). */
    TargetSelector selector(int targetCount, long seed) {
        return new TargetSelector(serviceKind, serviceSwitch, targetCount, openFiles(targetCount), seed);
    }

    /** How many of {@code targetCount} targets are open at once: {@code openfiles}, all by default. */
    int openFiles(int targetCount) {
        return Math.min(openFiles, targetCount);
    }

    /** {@code fsync_on_close}: flush each written file before it is closed. */
    boolean fsyncOnClose() {
        return fsyncOnClose;
    }

    private static int intOption(JobSpec spec, String option, int defaultValue) {
        String text = spec.raw(option);
        if (text == null) {
            return defaultValue;
        }
        try {
            return ValueParsers.parseInt(text, spec.kbBase());
        } catch (IllegalArgumentException e) {
            throw new SetupFailedException(spec.name() + ": " + option + "=" + text + ": " + e.getMessage(), e);
        }
    }

    private static boolean boolOption(JobSpec spec, String option) {
        String text = spec.raw(option);
        if (text == null) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        try {
            return ValueParsers.parseBool(text);
        } catch (IllegalArgumentException e) {
            throw new SetupFailedException(spec.name() + ": " + option + "=" + text + ": " + e.getMessage(), e);
        }
    }
}
