package dev.jfio.spi;

/** How the core parses the text of an {@link EngineOption}; every type has fio's syntax. */
public enum EngineOptionType {
    /** Any text. Java type {@link String}. */
    STRING,
    /** A decimal integer. Java type {@link Long}. */
    INTEGER,
    /** A size in bytes with fio's suffixes (4k, 1m, 2GiB). Java type {@link Long}. */
    SIZE,
    /** A duration with fio's suffixes (us, ms, s, m, h; seconds when bare). Java type {@link Long}, in nanoseconds. */
    TIME,
    /** 0/1, true/false, yes/no, on/off; the bare option name means true. Java type {@link Boolean}. */
    BOOLEAN,
    /** One of {@link EngineOption#choices()}. Java type {@link String}. */
    CHOICE
}
