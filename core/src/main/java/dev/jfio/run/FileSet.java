package dev.jfio.run;

import dev.jfio.job.FileOptions;
import dev.jfio.job.FileService;
import dev.jfio.job.JobSpec;
import dev.jfio.job.Region;
import dev.jfio.workload.DistributionKind;
import dev.jfio.workload.Rng;
import dev.jfio.workload.SkewedIndexGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one job clone, as fio's file options describe them: names ({@code filename}, else
 * {@code nrfiles} files named {@code jobname.clone.N} as fio's default filename_format
 * {@code $jobname.$jobnum.$filenum}), each prefixed by {@code directory} (one of several, per clone); sizes ({@code filesize},
 * a range picking a random size per file, aligned down to the smallest block size); the service
 * order ({@code file_service_type}); how many are open at once ({@code openfiles}); {@code fsync_on_close}. Built on the
 * runner's main thread; immutable.
 */
final class FileSet {
    /** Tells the skewed file draw's seed from the uniform one's. */
    private static final long SKEW_SEED = 0x5eed_f11eL;

    private final List<String> names;
    private final long[] fileSizes;
    private final TargetSelector.Kind serviceKind;
    private final FileService service;
    private final int openFiles;
    private final boolean fsyncOnClose;

    private FileSet(
            List<String> names,
            long[] fileSizes,
            TargetSelector.Kind serviceKind,
            FileService service,
            int openFiles,
            boolean fsyncOnClose) {
        this.names = names;
        this.fileSizes = fileSizes;
        this.serviceKind = serviceKind;
        this.service = service;
        this.openFiles = openFiles;
        this.fsyncOnClose = fsyncOnClose;
    }

    /**
     * The files of clone {@code cloneIndex}, from the job's typed file options (checked when the
     * job was parsed); the per-file sizes that {@code filesize} picks are drawn here, once per clone.
     */
    static FileSet of(JobSpec spec, int cloneIndex) {
        String job = spec.name();
        FileOptions options = spec.region().files();
        List<String> base = baseNames(spec, cloneIndex);
        String directory = directoryFor(spec, cloneIndex);
        List<String> names = new ArrayList<>();
        for (String name : base) {
            if (Path.of(name).isAbsolute()) {
                names.add(name); // opendir's, which fio does not prefix with directory either
                continue;
            }
            names.add(
                    directory == null ? name : Path.of(directory).resolve(name).toString());
        }
        long[] sizes = sizes(spec, cloneIndex);
        FileService service = options.service();
        TargetSelector.Kind kind = service.skewed()
                ? TargetSelector.Kind.RANDOM
                : TargetSelector.Kind.valueOf(service.kind().name());
        return new FileSet(
                List.copyOf(names),
                sizes,
                kind,
                service,
                options.openFiles(),
                spec.sync().fsyncOnClose());
    }

    /**
     * The directory that prefixes clone {@code cloneIndex}'s files, or null for none. As fio's
     * set_name_idx: {@code directory} may list several, ':'-separated ({@code \\:} a literal colon);
     * clones with generated names take them in turn (clone modulo their count), while names given by
     * {@code filename} always take the first, so all clones still share those files.
     */
    static String directoryFor(JobSpec spec, int cloneIndex) {
        String directory = spec.region().directory();
        if (directory == null || directory.isEmpty()) {
            return null;
        }
        List<String> dirs = Region.splitFilenames(directory);
        if (dirs.isEmpty()) {
            return null;
        }
        boolean generated = spec.region().filenames().isEmpty();
        return dirs.get(generated ? cloneIndex % dirs.size() : 0);
    }

    /**
     * The size {@code filesize} gives each file of clone {@code cloneIndex} (a range draws one per
     * file, repeatably from the job's seed, aligned down to the smallest block size), or null when
     * the job does not set filesize.
     */
    static long[] sizes(JobSpec spec, int cloneIndex) {
        FileOptions options = spec.region().files();
        if (!options.hasFilesize()) {
            return null;
        }
        int count = baseNames(spec, cloneIndex).size();
        long low = options.filesizeLow();
        long high = options.filesizeHigh();
        int align = Math.max(1, spec.minBlockSize());
        Rng rng = new Rng(Rng.seedFor(spec.randomness().randseed(), spec.index(), cloneIndex, 41));
        long[] sizes = new long[count];
        for (int i = 0; i < sizes.length; i++) {
            long s = low == high ? low : low + rng.nextLong(high - low + 1);
            sizes[i] = s / align * align;
        }
        return sizes;
    }

    /**
     * The names before {@code directory} is applied: filename's, then opendir's files (absolute, in
     * name order); when neither names any, nrfiles names from filename_format.
     *
     * @throws SetupFailedException when opendir cannot be listed
     */
    static List<String> baseNames(JobSpec spec, int cloneIndex) {
        FileOptions options = spec.region().files();
        List<String> base = new ArrayList<>(spec.region().filenames());
        String opendir = options.lifecycle().opendir();
        if (opendir != null) {
            base.addAll(OpenDir.files(spec.name(), opendir));
        }
        if (base.isEmpty()) {
            for (int i = 0; i < options.nrfiles(); i++) {
                base.add(options.lifecycle().fileName(spec.name(), cloneIndex, i));
            }
        }
        return base;
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
        SkewedIndexGenerator skew = null;
        if (service.skewed()) {
            DistributionKind d = DistributionKind.valueOf(service.kind().name());
            long ranges = (long) targetCount << TargetSelector.SKEW_SHIFT;
            skew = new SkewedIndexGenerator(d, ranges, service.param(), service.center(), false, seed ^ SKEW_SEED);
        }
        return new TargetSelector(serviceKind, service.every(), targetCount, openFiles(targetCount), seed, skew);
    }

    /** How many of {@code targetCount} targets are open at once: {@code openfiles}, all by default. */
    int openFiles(int targetCount) {
        return Math.min(openFiles, targetCount);
    }

    /** {@code fsync_on_close}: flush each written file before it is closed. */
    boolean fsyncOnClose() {
        return fsyncOnClose;
    }
}
