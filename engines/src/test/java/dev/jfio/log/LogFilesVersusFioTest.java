package dev.jfio.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same jobs run by fio 3.33 and by jfio write the same set of log files with the same columns,
 * the same number of rows (per-I/O logs: exactly; averaged logs: within timing tolerance) and the
 * same time base.
 */
class LogFilesVersusFioTest {
    @TempDir
    Path dir;

    private static final String[] PER_IO_JOB = {
        "--ioengine=null", "--size=256k", "--bs=4k", "--rw=randrw", "--numjobs=2", "--log_offset=1"
    };

    @Test
    void perIoLogsHaveFiosFilesColumnsAndRows() throws Exception {
        Path fio = Files.createDirectory(dir.resolve("fio"));
        Path jfio = Files.createDirectory(dir.resolve("jfio"));
        runFio(fio, withLogs("j", PER_IO_JOB));
        runJfio(jfio, withLogs("j", PER_IO_JOB));

        assertEquals(names(fio), names(jfio), "the same files: NAME_TYPE.N.log for each clone N");
        assertEquals(
                Set.of(
                        "j_bw.1.log",
                        "j_bw.2.log",
                        "j_iops.1.log",
                        "j_iops.2.log",
                        "j_lat.1.log",
                        "j_lat.2.log",
                        "j_clat.1.log",
                        "j_clat.2.log",
                        "j_slat.1.log",
                        "j_slat.2.log",
                        "j_clat_hist.1.log",
                        "j_clat_hist.2.log"),
                names(jfio));
        for (String name : names(fio)) {
            List<long[]> f = rows(fio.resolve(name));
            List<long[]> j = rows(jfio.resolve(name));
            assertEquals(f.size(), j.size(), name + ": one row per I/O in both");
            if (!f.isEmpty()) {
                assertEquals(f.get(0).length, j.get(0).length, name + ": columns");
                assertEquals(bsAndOffsets(f), bsAndOffsets(j), name + ": the same blocks of 4k in the file");
            }
        }
    }

    @Test
    void averagedLogsHaveFiosColumnsAndAboutFiosRowCount() throws Exception {
        String[] job = {
            "--ioengine=null",
            "--size=1g",
            "--bs=4k",
            "--rw=read",
            "--time_based",
            "--runtime=2",
            "--rate_iops=2000",
            "--log_avg_msec=250"
        };
        Path fio = Files.createDirectory(dir.resolve("fio"));
        Path jfio = Files.createDirectory(dir.resolve("jfio"));
        runFio(fio, withLogs("a", job));
        runJfio(jfio, withLogs("a", job));
        assertEquals(names(fio), names(jfio));
        for (String name : List.of("a_bw.1.log", "a_iops.1.log", "a_clat.1.log", "a_lat.1.log")) {
            List<long[]> f = rows(fio.resolve(name));
            List<long[]> j = rows(jfio.resolve(name));
            assertEquals(f.get(0).length, j.get(0).length, name + ": columns");
            assertTrue(Math.abs(f.size() - j.size()) <= 2, name + ": fio " + f.size() + " rows, jfio " + j.size());
            long lastF = f.get(f.size() - 1)[0];
            long lastJ = j.get(j.size() - 1)[0];
            assertTrue(
                    Math.abs(lastF - lastJ) <= 300,
                    name + ": ms since the job started: fio " + lastF + ", jfio " + lastJ);
            // the last row is the job's end (fio's finalize_logs stamps it then too, which a loaded
            // machine may put a few ms past runtime); every other row closes a 250 ms window, stamped
            // (as fio's add_log_sample) at the first completion after it: within 25 ms even when a
            // loaded machine stalls the job thread (seen: 534 ms)
            for (long[] r : j.subList(0, j.size() - 1)) {
                assertEquals(
                        0,
                        r[0] % 250 > 25 && r[0] % 250 < 225 ? 1 : 0,
                        name + ": a row at the end of a 250 ms window: " + r[0]);
            }
        }
        long fioIops = rows(fio.resolve("a_iops.1.log")).get(2)[1];
        long jfioIops = rows(jfio.resolve("a_iops.1.log")).get(2)[1];
        assertTrue(Math.abs(fioIops - jfioIops) <= 200, "rate_iops=2000: fio " + fioIops + ", jfio " + jfioIops);
    }

    @Test
    void logUnixEpochTimesAreMillisecondsSinceTheEpochAsFios() throws Exception {
        long before = System.currentTimeMillis();
        runJfio(dir, "--name=u", "--ioengine=null", "--size=64k", "--write_iops_log=u", "--log_unix_epoch=1");
        long after = System.currentTimeMillis();
        for (long[] r : rows(dir.resolve("u_iops.1.log"))) {
            assertTrue(r[0] >= before && r[0] <= after, r[0] + " within [" + before + ", " + after + "]");
        }
    }

    @Test
    void perJobLogsOffSharesOneFilePerLogWithoutTheNumber() throws Exception {
        Path fio = Files.createDirectory(dir.resolve("fio"));
        Path jfio = Files.createDirectory(dir.resolve("jfio"));
        // (fio reads "--write_bw_log --per_job_logs=0" as a log named "--per_job_logs=0": give the name)
        String[] job = {"--name=s", "--ioengine=null", "--size=64k", "--write_bw_log=s", "--per_job_logs=0"};
        runFio(fio, job);
        runJfio(jfio, job);
        assertEquals(Set.of("s_bw.log"), names(fio));
        assertEquals(names(fio), names(jfio));
        assertEquals(
                rows(fio.resolve("s_bw.log")).size(),
                rows(jfio.resolve("s_bw.log")).size());
    }

    @Test
    void storedCompressedLogsInflateAsFiosDo() throws Exception {
        Path fio = Files.createDirectory(dir.resolve("fio"));
        Path jfio = Files.createDirectory(dir.resolve("jfio"));
        String[] job = {
            "--name=z",
            "--ioengine=null",
            "--size=4m",
            "--write_lat_log=z",
            "--log_compression=4k",
            "--log_store_compressed=1",
            "--log_offset=1"
        };
        runFio(fio, job);
        runJfio(jfio, job);
        assertEquals(names(fio), names(jfio), "NAME_TYPE.N.log.fz");
        assertTrue(names(jfio).contains("z_clat.1.log.fz"), names(jfio).toString());
        // fio's --inflate-log reads jfio's file, and jfio's reads fio's
        String byFio = run(jfio, RequiredTool.require("fio", "fio").toString(), "--inflate-log=z_clat.1.log.fz");
        JfioRun byJfio = JfioRun.run("--inflate-log=" + fio.resolve("z_clat.1.log.fz"));
        assertEquals(0, byJfio.exit(), byJfio.err());
        assertEquals(1024, byFio.lines().count(), "fio inflates jfio's 1024 rows");
        assertEquals(1024, byJfio.out().lines().count(), "jfio inflates fio's 1024 rows");
        assertEquals(6, byFio.lines().findFirst().orElseThrow().split(", ").length);
    }

    @Test
    void everyIoIsEitherALogRowOrACountedDropReportedOnStderrAndInTheJson() throws IOException {
        Path logs = Files.createDirectory(dir.resolve("d"));
        JfioRun r = JfioRun.run(
                "--name=d",
                "--ioengine=null",
                "--size=1g",
                "--rw=randread",
                "--time_based",
                "--runtime=2",
                "--numjobs=2",
                "--write_iops_log=" + logs.resolve("d"),
                "--write_lat_log=" + logs.resolve("d"),
                "--output-format=json");
        assertEquals(0, r.exit(), r.err());
        Object json = r.json();
        for (int job = 0; job < 2; job++) {
            long ios = dev.jfio.testing.MiniJson.integer(json, "jobs", job, "read", "total_ios");
            long rows = rows(logs.resolve("d_iops." + (job + 1) + ".log")).size();
            long dropped = 0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "jfio: d\\." + job + ": (\\d+) log entries dropped: the log writer could not keep up")
                    .matcher(r.err());
            if (m.find()) {
                dropped = Long.parseLong(m.group(1));
                assertTrue(r.out().contains("\"" + dropped + " log entries dropped"), "the JSON's jfio notes say so");
            }
            assertEquals(ios, rows + dropped, "job " + job + ": " + rows + " rows + " + dropped + " dropped");
            assertEquals(
                    rows, rows(logs.resolve("d_clat." + (job + 1) + ".log")).size(), "one entry feeds every log");
        }
    }

    @Test
    void anUnwritableLogPathFailsBeforeTheJobStartsWithOneLine() throws IOException {
        Path missing = dir.resolve("no/such/dir/x");
        JfioRun r = JfioRun.run("--name=t", "--ioengine=null", "--size=1m", "--write_bw_log=" + missing);
        assertEquals(1, r.exit());
        assertTrue(
                r.err()
                        .matches("jfio: command line:\\d+: write_bw_log: cannot create log file \\Q" + missing
                                + "_bw.1.log\\E: no such directory\n"),
                r.err());
        assertEquals("", r.out(), "nothing ran");

        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        JfioRun notADir = JfioRun.run("--name=t", "--ioengine=null", "--size=1m", "--write_lat_log=" + file + "/x");
        assertEquals(1, notADir.exit());
        assertEquals(1, notADir.err().lines().count(), notADir.err());
        assertTrue(
                notADir.err()
                        .matches("jfio: command line:\\d+: write_lat_log: cannot create log file \\Q" + file
                                + "/x_\\E(lat|slat|clat)\\.1\\.log: .*\n"),
                notADir.err());
    }

    private static String[] withLogs(String name, String... job) {
        List<String> args = new ArrayList<>(List.of("--name=" + name));
        args.addAll(List.of(job));
        args.addAll(List.of(
                "--write_bw_log=" + name,
                "--write_iops_log=" + name,
                "--write_lat_log=" + name,
                "--write_hist_log=" + name,
                "--log_hist_msec=100"));
        return args.toArray(new String[0]);
    }

    private void runFio(Path cwd, String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(List.of(RequiredTool.require("fio", "fio").toString(), "--output=/dev/null"));
        cmd.addAll(List.of(args));
        run(cwd, cmd.toArray(new String[0]));
    }

    private static void runJfio(Path cwd, String... args) {
        List<String> abs = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            boolean logName = a.startsWith("--write_") && eq > 0;
            abs.add(logName ? a.substring(0, eq + 1) + cwd.resolve(a.substring(eq + 1)) : a);
        }
        if (abs.stream().anyMatch(a -> a.matches("--write_\\w+_log"))) {
            // a bare option names the logs after the job, relative to the working directory: run there
            abs.replaceAll(a -> a.matches("--write_\\w+_log") ? a + "=" + cwd.resolve(jobName(args)) : a);
        }
        abs.add("--output-format=json");
        JfioRun r = JfioRun.run(abs.toArray(new String[0]));
        assertEquals(0, r.exit(), r.toString());
    }

    private static String jobName(String... args) {
        for (String a : args) {
            if (a.startsWith("--name=")) {
                return a.substring(7);
            }
        }
        throw new IllegalArgumentException("no --name");
    }

    private static String run(Path cwd, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + String.join(" ", cmd));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + text);
        return text;
    }

    private static Set<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(".log"))
                    .toList());
        }
    }

    private static List<long[]> rows(Path file) throws IOException {
        List<long[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                String[] parts = line.split(",\\s*");
                long[] r = new long[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    r[i] = parts[i].startsWith("0x")
                            ? Long.parseLong(parts[i].substring(2), 16)
                            : Long.parseLong(parts[i]);
                }
                out.add(r);
            }
        }
        return out;
    }

    /** Direction, block size and offset of each row, sorted: what the job did, whatever the order. */
    private static List<String> bsAndOffsets(List<long[]> rows) {
        List<String> out = new ArrayList<>();
        for (long[] r : rows) {
            if (r.length >= 6) {
                out.add(r[3] + "@" + r[4]);
            }
        }
        out.sort(null);
        return out;
    }
}
