package dev.jfio.engine.file.ops;

/** Engine {@code filestat}: see {@link PathOp#FILE_STAT}. Stateless; safe to share. */
public final class FileStatProvider extends PathOpProvider {
    /** The provider ServiceLoader instantiates. */
    public FileStatProvider() {
        super(PathOp.FILE_STAT);
    }
}
