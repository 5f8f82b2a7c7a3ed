package dev.jfio.job;

/** fio's data directions, in fio's order; {@link #ordinal()} indexes per-direction arrays. */
public enum Ddir {
    READ("read"), WRITE("write"), TRIM("trim");

    /** The three directions, shared to avoid {@code values()} copies on hot paths. */
    public static final Ddir[] ALL = values();

    private final String jsonName;

    Ddir(String jsonName) {
        this.jsonName = jsonName;
    }

    /** fio's JSON key: "read", "write", "trim". */
    public String jsonName() { return jsonName; }
}
