package dev.jfio.verify;

import java.util.Locale;

/**
 * fio's {@code verify=} methods that jfio implements. Every mode except {@link #PATTERN},
 * {@link #NULL} and {@link #NONE} writes a header at the start of each verify interval that names
 * the block (magic, mode, length, offset, sequence, job, seed) and carries a crc32c of itself; the
 * checksum modes also store a checksum of the interval's data after it.
 */
public enum VerifyMode {
    /** No verification. */
    NONE("none", 0, 0),
    /** Header plus a crc32c (Castagnoli) of the data; {@code crc32c-intel} is an alias. */
    CRC32C("crc32c", 1, 4),
    /** Header plus an MD5 of the data. */
    MD5("md5", 2, 16),
    /** Header plus a SHA-256 of the data. */
    SHA256("sha256", 3, 32),
    /** Header plus an XXH64 (seed 0) of the data. */
    XXHASH("xxhash", 4, 8),
    /** Header only (fio's deprecated {@code meta}, its VERIFY_HDR_ONLY): the data is not checked. */
    META("meta", 5, 0),
    /** No header: the whole block is {@code verify_pattern}, compared byte for byte. */
    PATTERN("pattern", 6, 0),
    /** Only pretend to verify: blocks are written with data, every read passes. */
    NULL("null", 7, 0);

    /** Bytes of the header fields before the checksum: see {@link BlockStamper}. */
    static final int FIXED_HEADER = 40;

    private static final String ACCEPTED = "none, crc32c, crc32c-intel, md5, sha256, xxhash, meta, pattern, null";
    private static final String FIO_ONLY =
            " crc64 crc32 crc16 crc7 sha1 sha512 sha3-224 sha3-256 sha3-384 sha3-512" + " pattern_hdr ";

    private final String text;
    private final int code;
    private final int checksumLength;

    VerifyMode(String text, int code, int checksumLength) {
        this.text = text;
        this.code = code;
        this.checksumLength = checksumLength;
    }

    /**
     * Parses a {@code verify=} value (any case): none, crc32c, crc32c-intel, md5, sha256, xxhash, meta,
     * pattern or null; fio's {@code 0} means none.
     *
     * @throws IllegalArgumentException with a one-line message naming the accepted values
     */
    public static VerifyMode parse(String value) {
        String t = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "0":
            case "none":
                return NONE;
            case "crc32c":
            case "crc32c-intel":
                return CRC32C;
            case "md5":
                return MD5;
            case "sha256":
                return SHA256;
            case "xxhash":
                return XXHASH;
            case "meta":
                return META;
            case "pattern":
                return PATTERN;
            case "null":
                return NULL;
            default:
                if (!t.isEmpty() && FIO_ONLY.contains(" " + t + " ")) {
                    throw new IllegalArgumentException(
                            "verify=" + t + " is not supported by jfio yet (accepted: " + ACCEPTED + ")");
                }
                throw new IllegalArgumentException("invalid verify value '" + (value == null ? "" : value.trim())
                        + "' (accepted: " + ACCEPTED + ")");
        }
    }

    /** The value as written in a job file ({@code crc32c}, {@code md5}, ...). */
    public String text() {
        return text;
    }

    /** Whether blocks carry jfio's verify header. */
    public boolean hasHeader() {
        return this == CRC32C || this == MD5 || this == SHA256 || this == XXHASH || this == META;
    }

    /** Whether the data after the header is covered by a checksum. */
    public boolean hasChecksum() {
        return checksumLength > 0;
    }

    /** Bytes of the stored data checksum (0 for none). */
    public int checksumLength() {
        return checksumLength;
    }

    /**
     * Bytes the header takes at the start of every verify interval (0 without a header): the
     * smallest interval, and the smallest {@code verify_offset} other than 0, that the mode allows.
     */
    public int headerSize() {
        return hasHeader() ? FIXED_HEADER + checksumLength : 0;
    }

    /** The mode's number in the header. */
    int code() {
        return code;
    }

    /** The mode a header's number names, or null. */
    static VerifyMode ofCode(int code) {
        for (VerifyMode m : VALUES) {
            if (m.code == code && m.hasHeader()) {
                return m;
            }
        }
        return null;
    }

    private static final VerifyMode[] VALUES = values();

    @Override
    public String toString() {
        return text;
    }
}
