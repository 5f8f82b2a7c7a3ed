package dev.jfio.job;

/**
 * How a job's files are named, created, prepared and removed beyond {@link dev.jfio.spi.FileHandling}:
 * fio's {@code filename_format}, {@code opendir}, {@code create_only}, {@code unlink_each_loop},
 * {@code create_fsync}, {@code pre_read}, {@code file_append}, {@code allow_mounted_write},
 * {@code fill_device} and {@code write_barrier}. Immutable.
 *
 * @param filenameFormat    the names of generated files ($jobname, $jobnum, $filenum, $clientuid)
 * @param opendir           a directory whose files (recursively) are the job's files, or null
 * @param createOnly        lay the files out, then end the job without I/O
 * @param unlinkEachLoop    delete the job's files after each loop
 * @param createFsync       flush files after laying them out
 * @param preRead           read the files into the page cache before the job (and do not invalidate)
 * @param fileAppend        I/O starts at the end of each file
 * @param allowMountedWrite a write job may target a mounted block device
 * @param fillDevice        write until ENOSPC, which ends the job without an error
 * @param writeBarrier      every Nth write is a barrier write; 0 for none
 * @param ioscheduler       the I/O scheduler to set on the block devices under the files, or null
 * @param writeHint         fcntl F_SET_RW_HINT's value for each opened file (1 none .. 5 extreme), 0 for none
 */
public record FileLifecycle(
        String filenameFormat,
        String opendir,
        boolean createOnly,
        boolean unlinkEachLoop,
        boolean createFsync,
        boolean preRead,
        boolean fileAppend,
        boolean allowMountedWrite,
        boolean fillDevice,
        int writeBarrier,
        String ioscheduler,
        int writeHint) {

    /** fio's default file names. */
    public static final String DEFAULT_FORMAT = "$jobname.$jobnum.$filenum";

    static FileLifecycle parse(OptionValues o) {
        return new FileLifecycle(
                o.get(FileLifecycleKeys.FILENAME_FORMAT),
                o.get(FileLifecycleKeys.OPENDIR),
                o.get(FileLifecycleKeys.CREATE_ONLY),
                o.get(FileLifecycleKeys.UNLINK_EACH_LOOP),
                o.get(FileLifecycleKeys.CREATE_FSYNC),
                o.get(FileLifecycleKeys.PRE_READ),
                o.get(FileLifecycleKeys.FILE_APPEND),
                o.get(FileLifecycleKeys.ALLOW_MOUNTED_WRITE),
                o.get(FileLifecycleKeys.FILL_DEVICE),
                o.get(FileLifecycleKeys.WRITE_BARRIER),
                o.get(FileLifecycleKeys.IOSCHEDULER),
                o.get(FileLifecycleKeys.WRITE_HINT));
    }

    /** The notices of options accepted with no effect on jfio's I/O, as fio's own effect is none or the same. */
    static void warn(OptionValues o, java.util.List<String> warnings) {
        Setting barrier = o.setting(FileLifecycleKeys.WRITE_BARRIER);
        if (barrier != null && o.get(FileLifecycleKeys.WRITE_BARRIER) > 0) {
            warnings.add(barrier.where() + ": write_barrier marks writes that no fio 3.33 engine treats differently;"
                    + " jfio issues them as plain writes too");
        }
        Setting serialize = o.setting(FileLifecycleKeys.CREATE_SERIALIZE);
        if (serialize != null && !o.get(FileLifecycleKeys.CREATE_SERIALIZE)) {
            warnings.add(serialize.where() + ": create_serialize=0: jfio lays files out one job after another before"
                    + " any job starts (the files are the same)");
        }
    }

    /**
     * The name of file {@code filenum} of clone {@code jobnum} of job {@code jobname}: fio's
     * make_filename, keywords matched in any case, {@code $clientuid} empty (no client/server mode).
     */
    public String fileName(String jobname, int jobnum, int filenum) {
        String name = filenameFormat;
        name = replaceAll(name, "$jobname", jobname);
        name = replaceAll(name, "$jobnum", Integer.toString(jobnum));
        name = replaceAll(name, "$filenum", Integer.toString(filenum));
        return replaceAll(name, "$clientuid", "");
    }

    private static String replaceAll(String text, String keyword, String with) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int at;
        while ((at = lower.indexOf(keyword, from)) >= 0) {
            sb.append(text, from, at).append(with);
            from = at + keyword.length();
        }
        return sb.append(text, from, text.length()).toString();
    }
}
