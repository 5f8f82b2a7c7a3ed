package dev.jfio.engine.file.ops;

/** Engine {@code dirdelete}: see {@link PathOp#DIR_DELETE}. Stateless; safe to share. */
public final class DirDeleteProvider extends PathOpProvider {
    /** The provider ServiceLoader instantiates. */
    public DirDeleteProvider() {
        super(PathOp.DIR_DELETE);
    }
}
