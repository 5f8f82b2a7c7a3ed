package dev.jfio.engine.file.ops;

/** Engine {@code filecreate}: see {@link PathOp#FILE_CREATE}. Stateless; safe to share. */
public final class FileCreateProvider extends PathOpProvider {
    /** The provider ServiceLoader instantiates. */
    public FileCreateProvider() {
        super(PathOp.FILE_CREATE);
    }
}
