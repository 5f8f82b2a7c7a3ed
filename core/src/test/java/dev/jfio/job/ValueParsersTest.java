package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueParsersTest {

    private static String sizeError(String text) {
        return assertThrows(IllegalArgumentException.class, () -> SizeParsers.parseSize(text, 1024))
                .getMessage();
    }

    @Test
    void bareNumberIsBytes() {
        assertEquals(4096, SizeParsers.parseSize("4096", 1024));
        assertEquals(0, SizeParsers.parseSize("0", 1024));
        assertEquals(4096, SizeParsers.parseSize(" 4096B ", 1024));
        assertEquals(8, SizeParsers.parseSize("8b", 1024));
    }

    @Test
    void sizeSuffixesUseKbBase1024ByDefault() {
        assertEquals(4096, SizeParsers.parseSize("4k", 1024));
        assertEquals(4096, SizeParsers.parseSize("4K", 1024));
        assertEquals(4096, SizeParsers.parseSize("4kb", 1024));
        assertEquals(4096, SizeParsers.parseSize("4KB", 1024));
        assertEquals(1L << 20, SizeParsers.parseSize("1m", 1024));
        assertEquals(1L << 30, SizeParsers.parseSize("1g", 1024));
        assertEquals(1L << 40, SizeParsers.parseSize("1t", 1024));
        assertEquals(1L << 50, SizeParsers.parseSize("1p", 1024));
    }

    @Test
    void twoLetterIFormsFollowKbBaseLikeFio() {
        // fio 3.33 on this machine: size=1ki -> 1024, size=1mi -> 1048576 with kb_base=1024
        assertEquals(1024, SizeParsers.parseSize("1ki", 1024));
        assertEquals(1L << 20, SizeParsers.parseSize("1mi", 1024));
        assertEquals(1000, SizeParsers.parseSize("1ki", 1000));
        assertEquals(1_000_000, SizeParsers.parseSize("1mi", 1000));
    }

    @Test
    void iecSuffixesUseTheOppositeBaseAsFioDoes() {
        // fio 3.33: size=1kib -> 1000 with kb_base=1024 (compatibility mode), 1024 with kb_base=1000
        assertEquals(1000, SizeParsers.parseSize("1kib", 1024));
        assertEquals(1000, SizeParsers.parseSize("1KiB", 1024));
        assertEquals(2_000_000, SizeParsers.parseSize("2MiB", 1024));
        assertEquals(1024, SizeParsers.parseSize("1KiB", 1000));
        assertEquals(1L << 30, SizeParsers.parseSize("1GiB", 1000));
    }

    @Test
    void kbBase1000MakesSiSuffixesDecimal() {
        assertEquals(1000, SizeParsers.parseSize("1k", 1000));
        assertEquals(1000, SizeParsers.parseSize("1kB", 1000));
        assertEquals(5_000_000_000L, SizeParsers.parseSize("5g", 1000));
    }

    @Test
    void hexSizes() {
        assertEquals(16, SizeParsers.parseSize("0x10", 1024));
        assertEquals(0xdeadL, SizeParsers.parseSize("0XdEaD", 1024));
        assertTrue(sizeError("0x").contains("'0x'"));
        assertTrue(sizeError("0xg").contains("'0xg'"));
    }

    @Test
    void badSizesNameTheText() {
        assertEquals("negative size '-8'", sizeError("-8"));
        assertEquals("invalid size '8x': unknown unit 'x'", sizeError("8x"));
        assertEquals("invalid size 'k'", sizeError("k"));
        assertEquals("invalid size '1.5g' (a fraction needs arithmetic, e.g. (1.5*1g))", sizeError("1.5g"));
        assertEquals("empty size", sizeError(" "));
        assertEquals("size '99999999999999999999' is too large", sizeError("99999999999999999999"));
        assertEquals("size '9000000p' is too large", sizeError("9000000p"));
        assertTrue(sizeError("50%").contains("percentage"));
    }

    @Test
    void arithmeticInParenthesesWithSuffixedOperands() {
        assertEquals(24, SizeParsers.parseSize("(1+2)*8", 1024));
        assertEquals(2048, SizeParsers.parseSize("(1k*2)", 1024));
        assertEquals(1024, SizeParsers.parseSize("(2^10)", 1024));
        assertEquals(8192, SizeParsers.parseSize("( 2 * 4k )", 1024));
        assertEquals(8, SizeParsers.parseSize("(-8+16)", 1024));
        assertEquals(3072, SizeParsers.parseSize("(1+2)k", 1024));
        assertEquals(24, SizeParsers.parseSize("(7%4*8)", 1024));
        assertEquals(12, SizeParsers.parseSize("(1.5*8)", 1024));
        assertEquals(1 << 9, SizeParsers.parseSize("(2^3^2)", 1024));
        assertEquals(6, SizeParsers.parseSize("(10-2*2)", 1024));
        assertEquals(16, SizeParsers.parseSize("((1+1)*(3+5))", 1024));
        assertEquals(512 * 1024, SizeParsers.parseSize("(1m/2)", 1024));
        assertEquals(2000, SizeParsers.parseSize("(2k)", 1000));
        assertEquals(3, SizeParsers.parseSize("(0x2+1)", 1024));
    }

    @Test
    void badArithmeticIsAOneLineError() {
        assertEquals("cannot evaluate '(1/0)': division by zero", sizeError("(1/0)"));
        assertEquals("cannot evaluate '(1+2': missing ')'", sizeError("(1+2"));
        assertEquals("cannot evaluate '(1+)': unexpected ')'", sizeError("(1+)"));
        assertEquals("'(1-8)' is negative", sizeError("(1-8)"));
        assertEquals("'(2^80)' is too large", sizeError("(2^80)"));
        assertTrue(sizeError("(2q)").contains("unknown unit 'q'"));
    }

    @Test
    void integersAcceptSuffixesAndRejectNegatives() {
        assertEquals(16, NumberParsers.parseInt("16", 1024));
        assertEquals(1024, NumberParsers.parseInt("1k", 1024));
        assertEquals(12, NumberParsers.parseInt("(3*4)", 1024));
        assertEquals(
                "negative value '-1'",
                assertThrows(IllegalArgumentException.class, () -> NumberParsers.parseInt("-1", 1024))
                        .getMessage());
        assertEquals(
                "invalid integer 'abc'",
                assertThrows(IllegalArgumentException.class, () -> NumberParsers.parseInt("abc", 1024))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NumberParsers.parseInt("4g", 1024))
                .getMessage()
                .contains("too large"));
        assertEquals(0x89, NumberParsers.parseLong("0x89"));
    }

    @Test
    void timesDefaultToTheGivenUnit() {
        assertEquals(30_000_000_000L, TimeParsers.parseTimeNanos("30", "s"));
        assertEquals(30_000L, TimeParsers.parseTimeNanos("30", "us"));
        assertEquals(5_000L, TimeParsers.parseTimeNanos("5us", "s"));
        assertEquals(5_000L, TimeParsers.parseTimeNanos("5usec", "s"));
        assertEquals(5_000_000L, TimeParsers.parseTimeNanos("5ms", "s"));
        assertEquals(5_000_000L, TimeParsers.parseTimeNanos("5MSEC", "s"));
        assertEquals(2_000_000_000L, TimeParsers.parseTimeNanos("2s", "us"));
        assertEquals(2_000_000_000L, TimeParsers.parseTimeNanos("2sec", "us"));
        assertEquals(120_000_000_000L, TimeParsers.parseTimeNanos("2m", "s"));
        assertEquals(120_000_000_000L, TimeParsers.parseTimeNanos("2min", "s"));
        assertEquals(3_600_000_000_000L, TimeParsers.parseTimeNanos("1h", "s"));
        assertEquals(86_400_000_000_000L, TimeParsers.parseTimeNanos("1d", "s"));
        assertEquals(7L, TimeParsers.parseTimeNanos("7ns", "s"));
    }

    @Test
    void timeExpressionsAreMicrosecondsByDefault() {
        assertEquals(2_000_000L, TimeParsers.parseTimeNanos("(2*1000)", "s"));
        assertEquals(1_500_000_000L, TimeParsers.parseTimeNanos("(1s+500ms)", "s"));
    }

    @Test
    void badTimesNameTheText() {
        assertEquals(
                "invalid time '5x': unknown unit 'x' (use us, ms, s, m, h or d)",
                assertThrows(IllegalArgumentException.class, () -> TimeParsers.parseTimeNanos("5x", "s"))
                        .getMessage());
        assertEquals(
                "negative time '-5'",
                assertThrows(IllegalArgumentException.class, () -> TimeParsers.parseTimeNanos("-5", "s"))
                        .getMessage());
        assertEquals(
                "time '999999999d' is too large",
                assertThrows(IllegalArgumentException.class, () -> TimeParsers.parseTimeNanos("999999999d", "s"))
                        .getMessage());
        assertEquals(
                "invalid time 'ms'",
                assertThrows(IllegalArgumentException.class, () -> TimeParsers.parseTimeNanos("ms", "s"))
                        .getMessage());
    }

    @Test
    void booleansAcceptFioSpellingsAndEmptyMeansTrue() {
        for (String t : new String[] {"", "1", "true", "YES", "on"}) {
            assertTrue(NumberParsers.parseBool(t), t);
        }
        for (String t : new String[] {"0", "false", "No", "off"}) {
            assertFalse(NumberParsers.parseBool(t), t);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NumberParsers.parseBool("2"))
                .getMessage()
                .contains("'2'"));
    }

    @Test
    void percentagesMustBeWithinZeroExclusiveAndHundred() {
        assertEquals(50.0, NumberParsers.parsePercent("50%"));
        assertEquals(12.5, NumberParsers.parsePercent("12.5%"));
        assertEquals(100.0, NumberParsers.parsePercent("100%"));
        assertThrows(IllegalArgumentException.class, () -> NumberParsers.parsePercent("0%"));
        assertThrows(IllegalArgumentException.class, () -> NumberParsers.parsePercent("101%"));
        assertThrows(IllegalArgumentException.class, () -> NumberParsers.parsePercent("x%"));
        assertEquals(
                "rwmixread must be between 0 and 100, got 101",
                assertThrows(IllegalArgumentException.class, () -> NumberParsers.parsePercentInt("101", "rwmixread"))
                        .getMessage());
    }

    @Test
    void rangesAcceptDashOrColon() {
        assertArrayEquals(new long[] {4096, 65536}, SizeParsers.parseRange("4k-64k", 1024));
        assertArrayEquals(new long[] {4096, 65536}, SizeParsers.parseRange("4k:64k", 1024));
        assertArrayEquals(new long[] {512, 512}, SizeParsers.parseRange("512", 1024));
        assertEquals(
                "range '64k-4k' has its minimum above its maximum",
                assertThrows(IllegalArgumentException.class, () -> SizeParsers.parseRange("64k-4k", 1024))
                        .getMessage());
    }

    @Test
    void perDirectionValuesFollowFiosCommaRules() {
        assertArrayEquals(new String[] {"256k", "256k", "256k"}, ListParsers.splitPerDirection("256k"));
        assertArrayEquals(new String[] {"8k", "32k", "32k"}, ListParsers.splitPerDirection("8k,32k"));
        assertArrayEquals(new String[] {"8k", "32k", null}, ListParsers.splitPerDirection("8k,32k,"));
        assertArrayEquals(new String[] {null, "8k", "8k"}, ListParsers.splitPerDirection(",8k"));
        assertArrayEquals(new String[] {null, "8k", null}, ListParsers.splitPerDirection(",8k,"));
        assertArrayEquals(new String[] {"4k", null, "8k"}, ListParsers.splitPerDirection("4k,,8k"));
        assertArrayEquals(new String[] {"500k", null, null}, ListParsers.splitPerDirection("500k,"));
        assertThrows(IllegalArgumentException.class, () -> ListParsers.splitPerDirection("1,2,3,4"));
    }

    @Test
    void bssplitParsesWeights() {
        assertEquals(
                List.of(new BsSplitEntry(4096, 10), new BsSplitEntry(65536, 50), new BsSplitEntry(32768, 40)),
                ListParsers.parseBsSplit("4k/10:64k/50:32k/40", 1024));
    }

    @Test
    void bssplitBlankPercentagesShareTheRemainder() {
        assertEquals(
                List.of(new BsSplitEntry(4096, 50), new BsSplitEntry(1024, 25), new BsSplitEntry(32768, 25)),
                ListParsers.parseBsSplit("4k/50:1k/:32k/", 1024));
        assertEquals(
                List.of(new BsSplitEntry(4096, 34), new BsSplitEntry(8192, 33), new BsSplitEntry(512, 33)),
                ListParsers.parseBsSplit("4k:8k:512", 1024));
    }

    @Test
    void bssplitMustAddUpToHundred() {
        assertEquals(
                "bssplit '4k/50:8k/40' percentages add up to 90, not 100",
                assertThrows(IllegalArgumentException.class, () -> ListParsers.parseBsSplit("4k/50:8k/40", 1024))
                        .getMessage());
        assertEquals(
                "bssplit '4k/60:8k/50:1k/' percentages add up to 110, more than 100",
                assertThrows(IllegalArgumentException.class, () -> ListParsers.parseBsSplit("4k/60:8k/50:1k/", 1024))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> ListParsers.parseBsSplit("0/100", 1024));
    }

    @Test
    void percentileListAcceptsUpToTwentyEntries() {
        assertArrayEquals(new double[] {99, 99.9, 99.99}, ListParsers.parsePercentileList("99:99.9:99.99"));
        String twenty = "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20";
        assertEquals(20, ListParsers.parsePercentileList(twenty).length);
        assertEquals(
                "percentile_list has 21 entries, at most 20 are allowed",
                assertThrows(IllegalArgumentException.class, () -> ListParsers.parsePercentileList(twenty + ":21"))
                        .getMessage());
        assertEquals(
                "percentile 0 is out of range (0,100]",
                assertThrows(IllegalArgumentException.class, () -> ListParsers.parsePercentileList("0:50"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> ListParsers.parsePercentileList("100.5"));
        assertThrows(IllegalArgumentException.class, () -> ListParsers.parsePercentileList("50:x"));
    }

    @Test
    void bufferPatternMatchesFiosEncoding() {
        // fio 3.33 wrote these bytes for each pattern (checked with xxd on this machine)
        assertArrayEquals(
                new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xfa, (byte) 0xce},
                BufferPatternParser.parseBufferPattern("0xdeadface"));
        assertArrayEquals(new byte[] {0x0a, (byte) 0xbc}, BufferPatternParser.parseBufferPattern("0xabc"));
        assertArrayEquals(new byte[] {12}, BufferPatternParser.parseBufferPattern("12"));
        assertArrayEquals(new byte[] {0x2c, 0x01}, BufferPatternParser.parseBufferPattern("300"));
        assertArrayEquals(
                new byte[] {(byte) 0xf4, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                BufferPatternParser.parseBufferPattern("-12"));
        assertArrayEquals(new byte[] {'a', 'b'}, BufferPatternParser.parseBufferPattern("\"ab\""));
        assertArrayEquals(new byte[] {1, 'a', 'b', 7}, BufferPatternParser.parseBufferPattern("0x01\"ab\"7"));
    }

    @Test
    void badBufferPatternsAreErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BufferPatternParser.parseBufferPattern("\"ab"))
                .getMessage()
                .contains("unterminated"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> BufferPatternParser.parseBufferPattern("'/no/such/pattern'"))
                .getMessage()
                .contains("buffer_pattern file '/no/such/pattern' cannot be read: no such file"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BufferPatternParser.parseBufferPattern("zz"))
                .getMessage()
                .contains("unexpected 'z'"));
    }
}
