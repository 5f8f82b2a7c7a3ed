package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** unit_base=1: the normal report's bandwidth in bits, in the units fio 3.33 prints them. */
class UnitBaseVersusFioTest {
    private static final Pattern RATE = Pattern.compile("[0-9.]+([KMGTP]?i?)(bit|B)/s");

    /** The unit of every rate on the job's BW= line and the group's bw= line, e.g. [Gibit, Gbit, ...]. */
    private static List<String> rateUnits(String report) {
        List<String> units = new ArrayList<>();
        for (String line : report.split("\n")) {
            if (line.contains("BW=") || line.contains(": bw=")) {
                Matcher m = RATE.matcher(line);
                while (m.find()) {
                    units.add(m.group(2));
                }
            }
        }
        return units;
    }

    @Test
    void ratesAreInBitsWithUnitBase1AndInBytesWithout() throws Exception {
        String[] job = {"--name=u", "--ioengine=null", "--size=256m", "--unit_base=1"};
        JfioRun ours = JfioRun.run(job);
        assertEquals(0, ours.exit(), ours.toString());
        List<String> jfio = rateUnits(ours.out());
        List<String> fio = rateUnits(RealFio.run(job));
        assertEquals(fio, jfio, ours.out());
        assertEquals(8, jfio.size(), ours.out());
        assertTrue(jfio.stream().allMatch("bit"::equals), ours.out());
        JfioRun bytes = JfioRun.run("--name=u", "--ioengine=null", "--size=256m");
        assertTrue(rateUnits(bytes.out()).stream().allMatch("B"::equals), bytes.out());
    }
}
