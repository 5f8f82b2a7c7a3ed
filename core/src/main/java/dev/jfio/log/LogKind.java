package dev.jfio.log;

/** The kinds of log file fio writes, with the type fio puts into the file name. */
enum LogKind {
    BW("bw"),
    IOPS("iops"),
    SLAT("slat"),
    CLAT("clat"),
    LAT("lat"),
    HIST("clat_hist");

    /** The part of the file name after the prefix: {@code NAME_bw.1.log}. */
    final String fileType;

    LogKind(String fileType) {
        this.fileType = fileType;
    }

    static final LogKind[] ALL = values();
}
