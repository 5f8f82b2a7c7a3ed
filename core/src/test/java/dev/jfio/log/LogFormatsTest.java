package dev.jfio.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.LogOptions;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.FioPlatBuckets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines jfio's logs hold, in fio 3.33's formats (iolog.c {@code flush_samples} and
 * {@code flush_hist_samples}; stat.c {@code add_*_sample}). The reference lines are fio 3.33's, from
 * {@code fio --name=j --ioengine=null --size=64k --rw=randrw --write_bw_log=j --write_lat_log=j
 * --write_iops_log=j --log_offset=1 --log_prio=1}: {@code 0, 68571, 0, 4096, 0, 0x0000} in j_bw.1.log
 * for an I/O of clat 59733 ns.
 */
class LogFormatsTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static LogOptions options(
            int avgMsec,
            int histMsec,
            int coarseness,
            boolean max,
            boolean offset,
            boolean prio,
            int chunk,
            boolean store) {
        return new LogOptions(
                "", "", "", "", avgMsec, histMsec, coarseness, max, offset, prio, false, true, chunk, store);
    }

    private LogOutput[] outputs(int chunk, LogKind... kinds) throws IOException {
        LogOutput[] out = new LogOutput[LogKind.ALL.length];
        for (LogKind k : kinds) {
            out[k.ordinal()] = LogOutput.open(dir.resolve(k.fileType + ".log"), chunk);
        }
        return out;
    }

    private static List<LogOutput> files(LogOutput[] outputs) {
        return java.util.Arrays.stream(outputs).filter(o -> o != null).toList();
    }

    private List<String> lines(LogKind kind) throws IOException {
        return Files.readAllLines(dir.resolve(kind.fileType + ".log"));
    }

    @Test
    void perIoEntriesCarryFiosColumnsAndValues() throws IOException {
        LogOutput[] out = outputs(0, LogKind.BW, LogKind.IOPS, LogKind.SLAT, LogKind.CLAT, LogKind.LAT);
        JobLogs logs = new JobLogs("j", options(0, 0, 0, false, true, true, 0, false), out, 0);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null);
        writer.start();
        logs.begin(0);
        logs.completed(IoOp.READ, 4096, 0, -1, 59733, 60505, 700_000); // a synchronous engine: no slat
        logs.completed(IoOp.WRITE, 4096, 45056, 150, 291, 441, 1_200_000);
        logs.completed(IoOp.TRIM, 8192, 8192, 10, 0, 20, 2_900_000);
        logs.end(3 * MS);
        assertEquals(null, writer.finish());

        assertEquals(
                List.of(
                        "0, 68571, 0, 4096, 0, 0x0000",
                        "1, 14075601, 1, 4096, 45056, 0x0000",
                        "2, 0, 2, 8192, 8192, 0x0000"),
                lines(LogKind.BW),
                "bw: bytes * 1000000 / clat ns, 0 when clat is 0, as fio's add_bw_sample");
        assertEquals(
                List.of("0, 1, 0, 4096, 0, 0x0000", "1, 1, 1, 4096, 45056, 0x0000", "2, 1, 2, 8192, 8192, 0x0000"),
                lines(LogKind.IOPS));
        assertEquals(
                List.of("1, 150, 1, 4096, 45056, 0x0000", "2, 10, 2, 8192, 8192, 0x0000"),
                lines(LogKind.SLAT),
                "no slat line for an I/O without a submission latency");
        assertEquals("0, 59733, 0, 4096, 0, 0x0000", lines(LogKind.CLAT).get(0));
        assertEquals("1, 441, 1, 4096, 45056, 0x0000", lines(LogKind.LAT).get(1));
        assertEquals(0, logs.dropped());
    }

    @Test
    void withoutOffsetAndPrioTheLineHasFiveColumnsEndingInZero() throws IOException {
        LogOutput[] out = outputs(0, LogKind.CLAT);
        JobLogs logs = new JobLogs("k", options(0, 0, 0, false, false, false, 0, false), out, 0);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null);
        logs.begin(0);
        logs.completed(IoOp.WRITE, 4096, 12288, -1, 143773, 144644, 1_500_000);
        writer.finish();
        assertEquals(List.of("1, 143773, 1, 4096, 0"), lines(LogKind.CLAT));
    }

    @Test
    void nothingIsLoggedDuringRampTimeAndTimesCountFromItsEnd() throws IOException {
        LogOutput[] out = outputs(0, LogKind.IOPS);
        JobLogs logs = new JobLogs("r", options(0, 0, 0, false, false, false, 0, false), out, 500 * MS);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null);
        logs.begin(0);
        logs.completed(IoOp.READ, 4096, 0, -1, 10, 10, 100 * MS);
        logs.begin(500 * MS);
        logs.completed(IoOp.READ, 4096, 0, -1, 10, 10, 507 * MS);
        writer.finish();
        assertEquals(List.of("7, 1, 0, 4096, 0"), lines(LogKind.IOPS));
    }

    @Test
    void averagedLatencyLogsWriteEachWindowsRoundedMeanOnceItHasPassed() throws IOException {
        LogOutput[] out = outputs(0, LogKind.CLAT);
        JobLogs logs = new JobLogs("a", options(100, 0, 0, false, true, false, 0, false), out, 0);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null);
        logs.begin(0);
        logs.completed(IoOp.READ, 4096, 4096, -1, 100, 100, 10 * MS);
        logs.completed(IoOp.READ, 4096, 8192, -1, 301, 301, 50 * MS);
        logs.completed(IoOp.READ, 4096, 12288, -1, 500, 500, 120 * MS); // closes the window, counted in it
        logs.completed(IoOp.READ, 4096, 16384, -1, 50, 50, 130 * MS);
        logs.end(250 * MS); // the open window is written at the end, as fio's finalize_logs
        writer.finish();
        assertEquals(
                List.of("120, 300, 0, 0, 0, 0", "250, 50, 0, 0, 0, 0"),
                lines(LogKind.CLAT),
                "mean (100 + 301 + 500) / 3 + 0.5 rounded down; block size and offset 0 in averaged entries");
    }

    @Test
    void logMaxValueWritesEachWindowsMaximum() throws IOException {
        LogOutput[] out = outputs(0, LogKind.LAT);
        JobLogs logs = new JobLogs("m", options(100, 0, 0, true, false, false, 0, false), out, 0);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null);
        logs.begin(0);
        logs.completed(IoOp.WRITE, 4096, 0, -1, 1, 700, 10 * MS);
        logs.completed(IoOp.WRITE, 4096, 0, -1, 1, 300, 110 * MS);
        writer.finish();
        assertEquals(List.of("110, 700, 1, 0, 0"), lines(LogKind.LAT));
    }

    @Test
    void averagedBandwidthAndIopsAreRatesOverTheWindowWithBlockSizeZero() throws IOException {
        LogOutput[] out = outputs(0, LogKind.BW, LogKind.IOPS);
        JobLogs logs = new JobLogs("b", options(500, 0, 0, false, false, false, 0, false), out, 0);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null);
        logs.begin(0);
        for (int i = 1; i <= 1000; i++) {
            logs.completed(IoOp.READ, 4096, 0, -1, 1, 1, i * 250_000L); // 4000 I/Os/s until 250 ms
        }
        logs.tick(400 * MS);
        logs.tick(500 * MS);
        writer.finish();
        assertEquals(List.of("500, 8000, 0, 0, 0"), lines(LogKind.BW), "1000 * 4 KiB in 0.5 s: 8000 KiB/s");
        assertEquals(List.of("500, 2000, 0, 0, 0"), lines(LogKind.IOPS));
    }

    @Test
    void histogramRowsCountTheClatBinsSinceTheLastRowOnFiosGrid() throws IOException {
        LogOutput[] out = outputs(0, LogKind.HIST);
        JobLogs logs = new JobLogs("h", options(0, 100, 0, false, false, false, 0, false), out, 0);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null);
        logs.begin(0);
        logs.completed(IoOp.READ, 4096, 0, -1, 1000, 1000, 5 * MS);
        logs.completed(IoOp.READ, 4096, 0, -1, 1001, 1001, 50 * MS);
        logs.completed(IoOp.READ, 4096, 0, -1, 59733, 59733, 106 * MS); // 101 ms after the first: a row
        logs.completed(IoOp.READ, 4096, 0, -1, 4096, 4096, 150 * MS);
        logs.completed(IoOp.READ, 4096, 0, -1, 4096, 4096, 210 * MS);
        writer.finish();
        List<String> rows = lines(LogKind.HIST);
        assertEquals(2, rows.size(), rows.toString());
        long[] first = row(rows.get(0));
        assertEquals(3 + FioPlatBuckets.BINS, first.length);
        assertArrayEquals(new long[] {106, 0, 4096}, java.util.Arrays.copyOf(first, 3));
        assertEquals(2, first[3 + 317], "1000 and 1001 ns share fio's bin 317");
        assertEquals(1, first[3 + 692], "59733 ns is in fio's bin 692");
        assertEquals(3, java.util.Arrays.stream(first, 3, first.length).sum());
        long[] second = row(rows.get(1));
        assertEquals(2, second[3 + 448], "the second row counts only the I/Os since the first");
        assertEquals(2, java.util.Arrays.stream(second, 3, second.length).sum());
    }

    @Test
    void coarsenessMergesTwoToThePowerAdjacentBins() throws IOException {
        LogOutput[] out = outputs(0, LogKind.HIST);
        JobLogs logs = new JobLogs("c", options(0, 1, 2, false, false, false, 0, false), out, 0);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null);
        logs.begin(0);
        logs.completed(IoOp.WRITE, 512, 0, -1, 1000, 1000, 1 * MS);
        logs.completed(IoOp.WRITE, 512, 0, -1, 1000, 1000, 3 * MS);
        writer.finish();
        long[] r = row(lines(LogKind.HIST).get(0));
        assertEquals(3 + FioPlatBuckets.BINS / 4, r.length);
        assertEquals(2, r[3 + 317 / 4], "bin 317 is in column 79 of 464");
    }

    @Test
    void storedCompressedLogsAreFiosBinarySamplesInZlibStreamsThatInflateToTheText() throws IOException {
        LogOutput[] plain = outputs(0, LogKind.CLAT);
        LogOutput[] packed = new LogOutput[LogKind.ALL.length];
        packed[LogKind.CLAT.ordinal()] = LogOutput.open(dir.resolve("clat.log.fz"), 1024);
        JobLogs a = new JobLogs("p", options(0, 0, 0, false, true, false, 0, false), plain, 0);
        JobLogs b = new JobLogs("z", options(0, 0, 0, false, true, false, 1024, true), packed, 0);
        LogWriter writer = new LogWriter(
                List.of(a, b), List.of(plain[LogKind.CLAT.ordinal()], packed[LogKind.CLAT.ordinal()]), null);
        a.begin(0);
        b.begin(0);
        for (int i = 0; i < 500; i++) {
            a.completed(IoOp.READ, 4096, i * 4096L, -1, 1000 + i, 1000 + i, i * 10_000L);
            b.completed(IoOp.READ, 4096, i * 4096L, -1, 1000 + i, 1000 + i, i * 10_000L);
        }
        writer.finish();
        byte[] fz = Files.readAllBytes(dir.resolve("clat.log.fz"));
        assertEquals(0x78, fz[0] & 0xff, "a zlib stream header");
        int streams = 0;
        int samples = 0;
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        int at = 0;
        byte[] buf = new byte[4096];
        while (at < fz.length) {
            inflater.reset();
            inflater.setInput(fz, at, fz.length - at);
            int n = 0;
            try {
                while (!inflater.finished()) {
                    n += inflater.inflate(buf);
                }
            } catch (java.util.zip.DataFormatException e) {
                throw new AssertionError(e);
            }
            assertTrue(n <= 1024 && n % 40 == 0, "a stream of whole 40-byte samples within log_compression: " + n);
            samples += n / 40;
            streams++;
            at = fz.length - inflater.getRemaining();
        }
        assertEquals(500, samples);
        assertTrue(streams > 1, "several streams: " + streams);
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        LogInflater.inflate(dir.resolve("clat.log.fz"), inflated);
        assertEquals(Files.readString(dir.resolve("clat.log")), inflated.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aFullRingDropsAndCountsEntriesInsteadOfGrowing() throws IOException {
        LogOutput[] out = outputs(0, LogKind.IOPS);
        JobLogs logs = new JobLogs("d", options(0, 0, 0, false, false, false, 0, false), out, 0);
        LogWriter writer = new LogWriter(List.of(logs), files(out), null); // not started: nothing drains
        logs.begin(0);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            logs.completed(IoOp.READ, 4096, 0, -1, 1, 1, i);
        }
        writer.finish();
        long written = lines(LogKind.IOPS).size();
        assertTrue(logs.dropped() > 0, "dropped " + logs.dropped());
        assertEquals(n, written + logs.dropped(), "every entry is written or counted as dropped");
    }

    @Test
    void fileNamesAreFios() {
        LogOptions perJob = options(0, 0, 0, false, false, false, 0, false);
        assertEquals("test_bw.3.log", RunLogs.fileName("test", LogKind.BW, 3, perJob));
        assertEquals("x_clat_hist.1.log", RunLogs.fileName("x", LogKind.HIST, 1, perJob));
        LogOptions shared =
                new LogOptions(null, null, null, null, 0, 0, 0, false, false, false, false, false, 0, false);
        assertEquals("test_slat.log", RunLogs.fileName("test", LogKind.SLAT, 7, shared));
        LogOptions stored = options(0, 0, 0, false, false, false, 4096, true);
        assertEquals("j_iops.2.log.fz", RunLogs.fileName("j", LogKind.IOPS, 2, stored));
    }

    private static long[] row(String line) {
        return java.util.Arrays.stream(line.split(", "))
                .mapToLong(Long::parseLong)
                .toArray();
    }
}
