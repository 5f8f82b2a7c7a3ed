package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.JobParser;
import dev.jfio.job.JobSpec;
import dev.jfio.job.JobSpecException;
import dev.jfio.job.OptionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * file_service_type=zipf, pareto, normal/gauss: files are drawn from the skewed distribution as
 * fio's get_next_file_rand does (fio 3.33, 8 files, 4096 I/Os: zipf:1.2 sends 91% to one file,
 * pareto 37%, normal 43% + 43% to the two middle ones).
 */
class SkewedFileServiceTest {
    private static final int FILES = 8;
    private static final int PICKS = 8000;

    private static JobSpec job(String... args) {
        List<String> all = new ArrayList<>(List.of("--name=j", "--nrfiles=" + FILES));
        all.addAll(List.of(args));
        JobParser parser = new JobParser(new OptionCatalog(Map.of("file", List.of()), Map.of()), Map.of(), s -> "file");
        return parser.parse(List.of(), all, Set.of()).jobs().get(0);
    }

    private static int[] picks(String service) {
        TargetSelector selector =
                FileSet.of(job("--file_service_type=" + service), 0).selector(FILES, 1234);
        int[] counts = new int[FILES];
        for (int i = 0; i < PICKS; i++) {
            counts[selector.next()]++;
        }
        return counts;
    }

    private static int max(int[] counts) {
        int m = 0;
        for (int c : counts) {
            m = Math.max(m, c);
        }
        return m;
    }

    @Test
    void zipfSendsMostIosToOneFile() {
        assertTrue(max(picks("zipf:1.2")) > PICKS * 6 / 10, () -> java.util.Arrays.toString(picks("zipf:1.2")));
    }

    @Test
    void paretoFavoursOneFile() {
        assertTrue(max(picks("pareto")) > PICKS * 3 / 10, () -> java.util.Arrays.toString(picks("pareto")));
    }

    @Test
    void normalAndGaussCentreOnTheMiddleFiles() {
        for (String kind : List.of("normal", "gauss")) {
            int[] c = picks(kind);
            assertTrue(c[3] + c[4] > PICKS * 7 / 10, java.util.Arrays.toString(c));
            assertEquals(0, c[0] + c[7], java.util.Arrays.toString(c));
        }
    }

    @Test
    void aCenterMovesThePeak() {
        int[] c = picks("normal:0:0.1");
        assertTrue(c[0] + c[1] > PICKS * 7 / 10, java.util.Arrays.toString(c));
    }

    @Test
    void uniformRandomStaysEven() {
        int[] c = picks("random");
        assertTrue(max(c) < PICKS / FILES * 2, java.util.Arrays.toString(c));
    }

    @Test
    void outOfRangeValuesAreRefusedWithFiosRange() {
        for (String bad : List.of("zipf:1", "pareto:1.5", "normal:100", "zipf:1.2:2", "gauss:x")) {
            JobSpecException e = assertThrows(JobSpecException.class, () -> job("--file_service_type=" + bad));
            assertTrue(e.getMessage().contains("file_service_type=" + bad), e.getMessage());
        }
    }
}
