package dev.jfio.testkit;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.Fallocate;
import dev.jfio.spi.FileAdvice;
import dev.jfio.spi.FileHandling;
import dev.jfio.spi.FileSizes;
import dev.jfio.spi.FlushKind;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.SyncMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Describes the job an {@link EngineHarness} plays: 4 KiB blocks, iodepth 1, reads and writes,
 * size unset unless told otherwise. {@link #build()} creates the engine, {@link #start()} also
 * sets it up and opens its targets.
 *
 * <p>Thread contract: not thread-safe; a builder may be reused for several harnesses.
 */
public final class HarnessBuilder {
    final IoEngineProvider provider;
    String name = "job";
    int jobNumber;
    int cloneIndex;
    final Map<EngineOption<?>, Object> options = new HashMap<>();
    final Map<String, String> coreOptions = new HashMap<>();
    int iodepth = 1;
    int minBs = 4096;
    int maxBs = 4096;
    long offset;
    long size = IoTarget.UNKNOWN_SIZE;
    boolean reads = true;
    boolean writes = true;
    boolean trims;
    boolean direct;
    List<String> filenames = List.of();
    int totalJobs = 1;
    SyncMode syncMode = SyncMode.NONE;
    FlushKind flush = FlushKind.FSYNC;
    Fallocate fallocate = FileHandling.DEFAULT.fallocate();
    boolean invalidate = FileHandling.DEFAULT.invalidate();
    boolean overwrite = FileHandling.DEFAULT.overwrite();
    boolean allowFileCreate = FileHandling.DEFAULT.allowFileCreate();
    boolean createOnOpen = FileHandling.DEFAULT.createOnOpen();
    boolean unlink = FileHandling.DEFAULT.unlink();
    FileSizes fileSizes = FileSizes.NONE;
    FileAdvice fileAdvice = FileAdvice.NONE;

    HarnessBuilder(IoEngineProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    public HarnessBuilder name(String name) {
        this.name = name;
        return this;
    }

    public HarnessBuilder jobNumber(int jobNumber) {
        this.jobNumber = jobNumber;
        return this;
    }

    public HarnessBuilder cloneIndex(int cloneIndex) {
        this.cloneIndex = cloneIndex;
        return this;
    }

    /** Sets an engine option to its parsed value. */
    public <T> HarnessBuilder option(EngineOption<T> option, T value) {
        options.put(option, option.javaType().cast(Objects.requireNonNull(value, "value")));
        return this;
    }

    /**
     * Sets an engine option by name to its parsed value (a Long for sizes, times in nanoseconds
     * and integers; an Integer is widened). Unknown names and wrong types throw
     * IllegalArgumentException.
     */
    public HarnessBuilder option(String optionName, Object value) {
        for (EngineOption<?> option : provider.options()) {
            if (option.name().equals(optionName)) {
                Object parsed = value instanceof Integer && option.javaType() == Long.class
                        ? Long.valueOf((Integer) value)
                        : value;
                if (!option.javaType().isInstance(parsed)) {
                    throw new IllegalArgumentException("option " + optionName + " takes a "
                            + option.javaType().getSimpleName() + ", not " + value);
                }
                if (!option.choices().isEmpty() && !option.choices().contains(parsed)) {
                    throw new IllegalArgumentException(
                            "option " + optionName + " takes one of " + option.choices() + ", not " + value);
                }
                options.put(option, parsed);
                return this;
            }
        }
        throw new IllegalArgumentException("engine " + provider.name() + " has no option " + optionName);
    }

    /** Sets several engine options by name; see {@link #option(String, Object)}. */
    public HarnessBuilder options(Map<String, ?> byName) {
        byName.forEach(this::option);
        return this;
    }

    /** The text of a core option, for the deprecated {@link dev.jfio.spi.JobView#coreOption}. */
    public HarnessBuilder coreOption(String optionName, String text) {
        coreOptions.put(optionName, text);
        return this;
    }

    /** {@code sync=}: the open flag of written targets. */
    public HarnessBuilder sync(SyncMode mode) {
        this.syncMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** What FLUSH units mean ({@link dev.jfio.spi.JobView#syncPolicy()}). */
    public HarnessBuilder flush(FlushKind kind) {
        this.flush = Objects.requireNonNull(kind, "kind");
        return this;
    }

    /** {@code fallocate=}. */
    public HarnessBuilder fallocate(Fallocate mode) {
        this.fallocate = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** {@code invalidate}. */
    public HarnessBuilder invalidate(boolean on) {
        this.invalidate = on;
        return this;
    }

    /** {@code overwrite}. */
    public HarnessBuilder overwrite(boolean on) {
        this.overwrite = on;
        return this;
    }

    /** {@code allow_file_create}. */
    public HarnessBuilder allowFileCreate(boolean on) {
        this.allowFileCreate = on;
        return this;
    }

    /** {@code create_on_open}. */
    public HarnessBuilder createOnOpen(boolean on) {
        this.createOnOpen = on;
        return this;
    }

    /** {@code unlink}. */
    public HarnessBuilder unlink(boolean on) {
        this.unlink = on;
        return this;
    }

    /** The sizes the runner gave the files ({@code filesize}). */
    public HarnessBuilder fileSizes(FileSizes sizes) {
        this.fileSizes = Objects.requireNonNull(sizes, "sizes");
        return this;
    }

    /** {@code fadvise_hint}, resolved: what the engine advises the kernel on open ({@link FileAdvice#NONE} by default). */
    public HarnessBuilder fileAdvice(FileAdvice advice) {
        this.fileAdvice = Objects.requireNonNull(advice, "advice");
        return this;
    }

    /** Whether the workload trims. */
    public HarnessBuilder trims(boolean trims) {
        this.trims = trims;
        return this;
    }

    /** Requested depth; a SYNCHRONOUS engine gets 1, as from the runner. */
    public HarnessBuilder iodepth(int iodepth) {
        if (iodepth < 1) {
            throw new IllegalArgumentException("iodepth must be at least 1");
        }
        this.iodepth = iodepth;
        return this;
    }

    public HarnessBuilder bs(int bs) {
        return bs(bs, bs);
    }

    public HarnessBuilder bs(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("bad block sizes " + min + "-" + max);
        }
        this.minBs = min;
        this.maxBs = max;
        return this;
    }

    public HarnessBuilder offset(long offset) {
        this.offset = offset;
        return this;
    }

    /** The job's size in bytes; {@link IoTarget#UNKNOWN_SIZE} (the default) leaves it to the target. */
    public HarnessBuilder size(long size) {
        this.size = size;
        return this;
    }

    /** fio's {@code rw}: read/randread, write/randwrite/trim/randtrim/trimwrite, rw/randrw/readwrite. */
    public HarnessBuilder rw(String mode) {
        switch (mode) {
            case "read":
            case "randread":
                reads = true;
                writes = false;
                trims = false;
                break;
            case "write":
            case "randwrite":
                reads = false;
                writes = true;
                trims = false;
                break;
            case "trim":
            case "randtrim":
            case "trimwrite":
                reads = false;
                writes = true;
                trims = true;
                break;
            case "rw":
            case "randrw":
            case "readwrite":
                reads = true;
                writes = true;
                trims = false;
                break;
            default:
                throw new IllegalArgumentException("unknown rw " + mode);
        }
        return this;
    }

    public HarnessBuilder reads(boolean reads) {
        this.reads = reads;
        return this;
    }

    public HarnessBuilder writes(boolean writes) {
        this.writes = writes;
        return this;
    }

    public HarnessBuilder direct(boolean direct) {
        this.direct = direct;
        return this;
    }

    /** The job's {@code filename} entries (already split at ':'). */
    public HarnessBuilder filenames(String... filenames) {
        this.filenames = List.of(filenames);
        return this;
    }

    /** One file as the job's {@code filename}. */
    public HarnessBuilder filename(Path file) {
        return filenames(file.toString());
    }

    public HarnessBuilder totalJobs(int totalJobs) {
        this.totalJobs = totalJobs;
        return this;
    }

    /** The provider the harness will drive. */
    public IoEngineProvider provider() {
        return provider;
    }

    /** Creates the engine through {@link IoEngineProvider#create}; no lifecycle call yet. */
    public EngineHarness build() {
        return new EngineHarness(this);
    }

    /**
     * {@link #build()} and {@link EngineHarness#start()}. When setup, init or open fails, the
     * harness cleans up (as the runner does) before the exception propagates.
     */
    public EngineHarness start() throws IOException {
        EngineHarness harness = build();
        try {
            return harness.start();
        } catch (IOException | RuntimeException | Error e) {
            try {
                harness.close();
            } catch (IOException | RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
