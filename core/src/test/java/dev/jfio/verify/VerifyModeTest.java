package dev.jfio.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VerifyModeTest {

    @Test
    void parsesFioNamesAndTheIntelAliasInAnyCase() {
        assertEquals(VerifyMode.CRC32C, VerifyMode.parse("crc32c"));
        assertEquals(VerifyMode.CRC32C, VerifyMode.parse("CRC32C-Intel"));
        assertEquals(VerifyMode.MD5, VerifyMode.parse(" md5 "));
        assertEquals(VerifyMode.SHA256, VerifyMode.parse("sha256"));
        assertEquals(VerifyMode.XXHASH, VerifyMode.parse("xxhash"));
        assertEquals(VerifyMode.META, VerifyMode.parse("meta"));
        assertEquals(VerifyMode.PATTERN, VerifyMode.parse("pattern"));
        assertEquals(VerifyMode.NULL, VerifyMode.parse("null"));
        assertEquals(VerifyMode.NONE, VerifyMode.parse("none"));
        assertEquals(VerifyMode.NONE, VerifyMode.parse("0"));
    }

    @Test
    void unknownValueGivesOneLineListingAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerifyMode.parse("crc33"));
        assertEquals(
                "invalid verify value 'crc33' (accepted: none, crc32c, crc32c-intel, md5, sha256, xxhash, meta,"
                        + " pattern, null)",
                e.getMessage());
    }

    @Test
    void fioMethodsJfioLacksAreNamedAsNotSupported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerifyMode.parse("sha512"));
        assertEquals(
                "verify=sha512 is not supported by jfio yet (accepted: none, crc32c, crc32c-intel, md5, sha256,"
                        + " xxhash, meta, pattern, null)",
                e.getMessage());
    }

    @Test
    void headerSizeIsFixedFieldsPlusChecksum() {
        assertEquals(44, VerifyMode.CRC32C.headerSize());
        assertEquals(48, VerifyMode.XXHASH.headerSize());
        assertEquals(56, VerifyMode.MD5.headerSize());
        assertEquals(72, VerifyMode.SHA256.headerSize());
        assertEquals(40, VerifyMode.META.headerSize());
        assertEquals(0, VerifyMode.PATTERN.headerSize());
        assertEquals(0, VerifyMode.NULL.headerSize());
    }
}
