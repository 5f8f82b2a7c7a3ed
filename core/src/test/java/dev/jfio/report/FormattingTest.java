package dev.jfio.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormattingTest {

    @Test
    void num2strShortensIopsAsInFiosHeadline() {
        assertEquals("118k", Num2Str.format(1000L * 236357 / 2001, 4, 1, false, Num2Str.Unit.NONE));
        assertEquals("2728k", Num2Str.format(1000L * 32737 / 12, 4, 1, false, Num2Str.Unit.NONE));
        assertEquals("999", Num2Str.format(999, 4, 1, false, Num2Str.Unit.NONE));
    }

    @Test
    void num2strGivesBinaryAndDecimalBandwidth() {
        long bw = 968118272L * 1000 / 2001;
        assertEquals("461MiB/s", Num2Str.format(bw, 4, 1, true, Num2Str.Unit.BYTEPERSEC));
        assertEquals("484MB/s", Num2Str.format(bw, 4, 1, false, Num2Str.Unit.BYTEPERSEC));
        assertEquals("10.4GiB/s", Num2Str.format(11174229333L, 4, 1, true, Num2Str.Unit.BYTEPERSEC));
        assertEquals("11.2GB/s", Num2Str.format(11174229333L, 4, 1, false, Num2Str.Unit.BYTEPERSEC));
    }

    @Test
    void num2strGivesSizes() {
        assertEquals("923MiB", Num2Str.format(968118272L, 4, 1, true, Num2Str.Unit.BYTE));
        assertEquals("968MB", Num2Str.format(968118272L, 4, 1, false, Num2Str.Unit.BYTE));
        assertEquals("128MiB", Num2Str.format(134090752L, 4, 1, true, Num2Str.Unit.BYTE));
        assertEquals("1024B", Num2Str.format(1024, 4, 1, true, Num2Str.Unit.BYTE));
    }

    @Test
    void num2strKeepsOneDecimalWithSixDigitsAsInLatencyLines() {
        assertEquals("9597.3k", Num2Str.format(9_597_346, 6, 1, false, Num2Str.Unit.NONE));
        assertEquals("21338", Num2Str.format(21338, 6, 1, false, Num2Str.Unit.NONE));
    }

    @Test
    void num2strCarriesWhenThereIsNoRoomForDecimals() {
        // fio's "carry rounding error": 999999 -> 999 with remainder 999 -> rounds to 1000k
        assertEquals("1000k", Num2Str.format(999_999, 4, 1, false, Num2Str.Unit.NONE));
        // a fraction that rounds to 1.0 carries into the integer part
        assertEquals("2.0Ki", Num2Str.format(2047, 3, 1, true, Num2Str.Unit.NONE));
    }

    @Test
    void num2strUsesTheBaseForPrefixes() {
        assertEquals("4KiB", Num2Str.format(4, 4, 1024, true, Num2Str.Unit.BYTE));
        assertEquals("32bit", Num2Str.format(4, 4, 1, false, Num2Str.Unit.BIT));
    }

    @Test
    void fixedRoundsTheBinaryValueTiesToEvenLikeGlibc() {
        assertEquals("0.12", CFormat.fixed(0.125, 2));
        assertEquals("0.38", CFormat.fixed(0.375, 2));
        assertEquals("2", CFormat.fixed(2.5, 0));
        assertEquals("1.00", CFormat.fixed(1.005, 2)); // 1.005 is 1.00499999... in binary
        assertEquals(" 2.66", CFormat.fixed(2.66, 5, 2));
        assertEquals("100.000000", CFormat.f6(100));
    }

    @Test
    void fixedIgnoresTheDefaultLocale() {
        assertEquals("1234.50", Golden.underLocale(Locale.GERMANY, () -> CFormat.fixed(1234.5, 2)));
        assertEquals("0.100000", Golden.underLocale(Locale.FRANCE, () -> CFormat.f6(0.1)));
    }

    @Test
    void ctimeUsesEnglishNamesAndPadsTheDay() {
        long t = Instant.parse("2026-11-03T09:05:07Z").toEpochMilli();
        assertEquals(
                "Tue Nov  3 09:05:07 2026", Golden.underLocale(Locale.GERMANY, () -> CTime.format(t, ZoneOffset.UTC)));
        assertEquals(
                "Mon Nov 23 21:17:07 2026",
                CTime.format(Instant.parse("2026-11-23T21:17:07Z").toEpochMilli(), ZoneOffset.UTC));
    }

    @Test
    void outputFormatListParsesLikeFio() {
        assertEquals(EnumSet.of(ReportFormat.NORMAL, ReportFormat.JSON), ReportFormat.parse("normal,json"));
        assertEquals(EnumSet.of(ReportFormat.JSON_PLUS), ReportFormat.parse("json+"));
        assertEquals(EnumSet.of(ReportFormat.TERSE), ReportFormat.parse("terse"));
    }

    @Test
    void badOutputFormatNamesTheAcceptedValues() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("normal,xml"));
        assertEquals(
                "invalid output format \"xml\": accepted values are normal, terse, json, json+ " + "(comma-separated)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("json,"));
    }

    @Test
    void headerAndStartingLinesReadLikeFio() {
        assertEquals(
                "job0: (g=0): rw=randrw, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, "
                        + "ioengine=nbd, iodepth=16",
                Reports.headerLine(
                        "job0", 0, "randrw", "(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B", "nbd", 16));
        assertEquals("Starting 1 thread", Reports.startingLine(1));
        assertEquals("Starting 2 threads", Reports.startingLine(2));
    }

    @Test
    void combinedFormatsComeInFiosOrderTerseJsonNormal() {
        String out = Reports.render(
                Fixtures.nullJson(),
                EnumSet.of(ReportFormat.NORMAL, ReportFormat.JSON, ReportFormat.TERSE),
                ZoneOffset.UTC);
        int terse = out.indexOf("3;jfio-0.1.0;");
        int json = out.indexOf("{\n  \"fio version\"");
        int normal = out.indexOf("null-randrw: (groupid=0");
        assertTrue(terse == 0 && json > terse && normal > json, out);
    }
}
