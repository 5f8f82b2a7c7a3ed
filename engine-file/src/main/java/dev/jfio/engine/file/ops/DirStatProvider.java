package dev.jfio.engine.file.ops;

/** Engine {@code dirstat}: see {@link PathOp#DIR_STAT}. Stateless; safe to share. */
public final class DirStatProvider extends PathOpProvider {
    /** The provider ServiceLoader instantiates. */
    public DirStatProvider() {
        super(PathOp.DIR_STAT);
    }
}
