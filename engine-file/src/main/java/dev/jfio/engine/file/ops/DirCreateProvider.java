package dev.jfio.engine.file.ops;

/** Engine {@code dircreate}: see {@link PathOp#DIR_CREATE}. Stateless; safe to share. */
public final class DirCreateProvider extends PathOpProvider {
    /** The provider ServiceLoader instantiates. */
    public DirCreateProvider() {
        super(PathOp.DIR_CREATE);
    }
}
