package dev.jfio.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jfio compare} and {@code jfio report} read merged reports: jfio merge's and fio --client's. */
class MergedReportReadersTest {
    @TempDir
    static Path dir;

    static Path merged;
    static Path fioClient;

    @BeforeAll
    static void mergeTwoRanks() throws IOException {
        Path r0 = RankRuns.run(dir, 0, 2, "json");
        Path r1 = RankRuns.run(dir, 1, 2, "json");
        merged = dir.resolve("all.json");
        assertEquals(0, RankRuns.merge(r0, r1, "-o", merged).exit());
        fioClient = dir.resolve("client.json");
        try (InputStream in =
                MergedReportReadersTest.class.getResourceAsStream("/merge/fio-3.33-client-2servers-2jobs.json")) {
            Files.write(fioClient, in.readAllBytes());
        }
    }

    @Test
    void compareTakesTheAggregateOfAMergedReportAndPicksARanksJobByName() throws IOException {
        JfioRun r = JfioRun.run("compare", merged.toString(), merged + "#job-b@rank1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("A: All clients (all.json)\nB: job-b@rank1 (all.json"), r.out());
        Object doc = MiniJson.parse(Files.readString(merged));
        double iops = MiniJson.number(doc, "client_stats", 4, "read", "iops");
        String shown = iops >= 1e6
                ? String.format(Locale.ROOT, "%.2fM", iops / 1e6)
                : String.format(Locale.ROOT, "%.1fk", iops / 1e3);
        assertTrue(r.out().contains("  IOPS" + " ".repeat(24 - shown.length()) + shown), r.out());
    }

    @Test
    void compareReadsFioClientModeOutput() {
        JfioRun r = JfioRun.run("compare", fioClient.toString(), merged.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("A: All clients (client.json)\nB: All clients (all.json)"), r.out());
        JfioRun one = JfioRun.run("compare", fioClient + "#job-a@127.0.0.1:8765", merged + "#job-a@rank0");
        assertEquals(0, one.exit(), one.err());
    }

    @Test
    void reportDrawsEveryRanksJobAndTheAggregate() throws IOException {
        Path html = dir.resolve("all.html");
        JfioRun r = JfioRun.run("report", merged.toString(), "-o", html.toString());
        assertEquals(0, r.exit(), r.err());
        String page = Files.readString(html);
        for (String label : new String[] {"all.json#job-a@rank0", "all.json#job-b@rank1", "all.json#All clients"}) {
            assertTrue(page.contains(label), label);
        }
    }
}
