package dev.jfio.job;

/** The syntax of an option's value, as {@code --cmdhelp} shows it. */
public enum OptionType {
    STRING("string"),
    INT("integer value"),
    SIZE("size (4k, 1m, 2GiB)"),
    SIZE_OR_PERCENT("size or percentage (1g, 50%)"),
    TIME_S("time (seconds unless a unit is given: us, ms, s, m, h, d)"),
    TIME_US("time (microseconds unless a unit is given: us, ms, s, m, h, d)"),
    BOOL("boolean (0/1; the bare name sets it)"),
    CHOICE("one of a list of values"),
    RW("I/O pattern (read, write, trim, randread, randwrite, randtrim, rw, randrw, trimwrite, randtrimwrite)"),
    PER_DIR_SIZE("size[,size][,size] (read,write,trim)"),
    PER_DIR_RANGE("range[,range][,range] (read,write,trim; 4k-64k or 4k:64k)"),
    PER_DIR_INT("integer[,integer][,integer] (read,write,trim)"),
    BSSPLIT("size/percent[:size/percent...][,...] (read,write,trim)"),
    FLOAT_LIST("list of numbers separated by ':'"),
    DISTRIBUTION("random | zipf:theta | pareto:h | normal:dev"),
    PATTERN("pattern: 0x hex, decimal or \"string\", concatenated"),
    LOG_NAME("log file name prefix (the bare name: the job's name)");

    private final String description;

    OptionType(String description) {
        this.description = description;
    }

    /** How {@code --cmdhelp} describes the type. */
    public String description() {
        return description;
    }

    /** Whether naming the option without a value is allowed (it means "set"). */
    public boolean flag() {
        return this == BOOL || this == LOG_NAME;
    }
}
