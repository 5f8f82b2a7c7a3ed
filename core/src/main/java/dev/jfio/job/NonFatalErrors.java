package dev.jfio.job;

import dev.jfio.spi.Errno;
import java.util.Arrays;

/**
 * The errno values per {@link ErrorType} that {@code continue_on_error} goes on after: fio's
 * {@code ignore_error} lists, EIO and EILSEQ for every type unless a list replaces them
 * (td_error.c: {@code __NON_FATAL_ERR}). Immutable; safe from any thread.
 */
public final class NonFatalErrors {
    private static final int[] FIO_DEFAULT = {Errno.EIO, Errno.EILSEQ};

    /** fio's default: EIO and EILSEQ, for reads, writes and verifies alike. */
    public static final NonFatalErrors DEFAULT = new NonFatalErrors(FIO_DEFAULT, FIO_DEFAULT, FIO_DEFAULT);

    private final int[][] byType;

    private NonFatalErrors(int[] read, int[] write, int[] verify) {
        this.byType = new int[][] {read.clone(), write.clone(), verify.clone()};
    }

    /**
     * The default with the lists of {@code ignore_error} in place: a null list keeps fio's
     * default for its type, as fio does for an empty field.
     */
    public static NonFatalErrors of(int[] read, int[] write, int[] verify) {
        return new NonFatalErrors(
                read == null ? FIO_DEFAULT : read,
                write == null ? FIO_DEFAULT : write,
                verify == null ? FIO_DEFAULT : verify);
    }

    /**
     * fio's {@code ignore_error}: up to three lists (read, write, verify) separated by ',', each
     * of errno names or numbers separated by ':' ("EAGAIN,ENOSPC:122"); an empty list keeps the
     * default for its type.
     *
     * @throws IllegalArgumentException naming the entry that is not an error
     */
    public static NonFatalErrors parse(String text) {
        String[] types = text.trim().split(",", -1);
        if (types.length > 3) {
            throw new IllegalArgumentException(
                    "ignore_error=" + text.trim() + " has more than three lists (read,write,verify)");
        }
        int[][] lists = new int[3][];
        for (int t = 0; t < types.length; t++) {
            String list = types[t].trim();
            if (list.isEmpty()) {
                continue;
            }
            String[] names = list.split(":");
            int[] errnos = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                String n = names[i].trim().toUpperCase(java.util.Locale.ROOT);
                int errno;
                if (n.startsWith("E")) {
                    errno = Errno.byName(n);
                } else {
                    try {
                        errno = Math.abs(Integer.parseInt(n));
                    } catch (NumberFormatException e) {
                        errno = 0;
                    }
                }
                if (errno == 0) {
                    throw new IllegalArgumentException("ignore_error=" + text.trim() + ": unknown error '"
                            + names[i].trim() + "' (an errno name such as EIO, or its number)");
                }
                errnos[i] = errno;
            }
            lists[t] = errnos;
        }
        return of(lists[0], lists[1], lists[2]);
    }

    /** Whether {@code errno} of this type is one a job may go on after. Allocation-free. */
    public boolean nonFatal(ErrorType type, int errno) {
        for (int e : byType[type.ordinal()]) {
            if (e == errno) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "read=" + Arrays.toString(byType[0]) + " write=" + Arrays.toString(byType[1]) + " verify="
                + Arrays.toString(byType[2]);
    }
}
