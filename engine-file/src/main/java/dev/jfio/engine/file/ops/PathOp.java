package dev.jfio.engine.file.ops;

/**
 * The six operations of fio's file-operation engines (fio's {@code engines/fileoperations.c}):
 * what each engine's open does, and what its setup prepares. Immutable.
 */
enum PathOp {
    FILE_CREATE(
            "filecreate",
            "creates each file (open with O_CREAT) and times it; the I/Os do nothing",
            Prepare.NOTHING,
            false,
            "open(O_CREAT)"),
    FILE_STAT(
            "filestat",
            "looks each file up (stat, lstat or statx per stat_type) and times it; the I/Os do nothing",
            Prepare.FILES,
            false,
            "stat"),
    FILE_DELETE(
            "filedelete",
            "deletes each file (unlink) and times it; the I/Os do nothing",
            Prepare.FILES,
            false,
            "unlink"),
    DIR_CREATE(
            "dircreate",
            "creates each directory (mkdir) and times it; the I/Os do nothing",
            Prepare.NOTHING,
            true,
            "mkdir"),
    DIR_STAT(
            "dirstat",
            "looks each directory up (stat, lstat or statx per stat_type) and times it; the I/Os do nothing",
            Prepare.DIRECTORIES,
            true,
            "stat"),
    DIR_DELETE(
            "dirdelete",
            "deletes each directory (rmdir) and times it; the I/Os do nothing",
            Prepare.DIRECTORIES,
            true,
            "rmdir");

    /** What setup leaves in place before the job starts. */
    enum Prepare {
        /** Nothing: the operation creates the target (its directory must exist). */
        NOTHING,
        /** The files, laid out or created as any file engine's setup does. */
        FILES,
        /** The directories, made where missing (mode 0700, as fio). */
        DIRECTORIES
    }

    final String engine;
    final String description;
    final Prepare prepare;
    final boolean directories;
    /** The call as messages name it. */
    final String call;

    PathOp(String engine, String description, Prepare prepare, boolean directories, String call) {
        this.engine = engine;
        this.description = description;
        this.prepare = prepare;
        this.directories = directories;
        this.call = call;
    }

    /** Whether the operation looks the target up, so {@code stat_type} applies. */
    boolean stats() {
        return this == FILE_STAT || this == DIR_STAT;
    }

    /**
     * Whether the engine gives the targets their sizes (the blocks its I/Os count), since no file
     * of that size exists: fio's {@code get_file_size} of these engines, the smallest block size.
     */
    boolean sizesTargets() {
        return prepare != Prepare.FILES;
    }
}
