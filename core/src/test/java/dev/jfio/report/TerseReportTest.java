package dev.jfio.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TerseReportTest {

    @Test
    void terseVersion3MatchesFioFieldForFieldUnderEveryLocale() {
        String expected = Golden.resource("fio-3.33-null-randrw.terse.txt").replace(";fio-3.33;", ";jfio-0.1.0;");
        for (Locale l : Golden.LOCALES) {
            assertEquals(
                    expected,
                    Golden.underLocale(l, () -> Golden.render(Fixtures.nullTerse(), ReportFormat.TERSE)),
                    l.toString());
        }
    }

    @Test
    void terseHasFiosFieldCountForTwoDirections() {
        String line = Golden.render(Fixtures.nbdJson(), ReportFormat.TERSE);
        // 5 general + 2 x (4 + 4 + 4 + 20 + 4 + 5) + 5 cpu + 7 depth + 10 usec + 12 msec
        assertEquals(5 + 2 * 41 + 5 + 7 + 10 + 12, line.trim().split(";", -1).length);
    }

    @Test
    void bandwidthShareOfGroupIsCappedAt100() {
        String line = Golden.render(Fixtures.nbdJson(), ReportFormat.TERSE);
        String[] f = line.trim().split(";", -1);
        // read bw fields follow general(5) + io(4) + slat(4) + clat(4) + percentiles(20) + lat(4)
        int bw = 5 + 4 + 4 + 4 + 20 + 4;
        assertEquals("343805", f[bw]);
        assertEquals("510576", f[bw + 1]);
        assertEquals("99.236540%", f[bw + 2]);
    }
}
