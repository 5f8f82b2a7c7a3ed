package dev.jfio.engine.file.ops;

/** Engine {@code filedelete}: see {@link PathOp#FILE_DELETE}. Stateless; safe to share. */
public final class FileDeleteProvider extends PathOpProvider {
    /** The provider ServiceLoader instantiates. */
    public FileDeleteProvider() {
        super(PathOp.FILE_DELETE);
    }
}
