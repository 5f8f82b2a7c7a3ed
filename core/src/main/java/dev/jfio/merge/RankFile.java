package dev.jfio.merge;

import dev.jfio.compare.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rank's result as {@code jfio merge} reads it: the file, the rank facts of its top-level
 * {@code "jfio"} object (rank, world size, host, start wall clock, job digest) and its jobs, or why
 * it could not be read. A file without that object is rank = its position among the files, of as
 * many ranks as there are files. Immutable.
 *
 * @param path the file
 * @param rank the rank, or -1 when a file that could not be read does not say
 * @param ranks the world size it states, or -1 when it does not say
 * @param declared whether the rank came from the file's "jfio" object (not from its position)
 * @param report the whole parsed report (integral numbers as longs), null when unreadable
 * @param problem why the file could not be read (one line), null when it was
 */
record RankFile(Path path, int rank, int ranks, boolean declared, Map<String, Object> report, String problem) {
    private static final Pattern RANK = Pattern.compile("\"rank\"\\s*:\\s*(\\d+)");
    private static final Pattern RANKS = Pattern.compile("\"ranks\"\\s*:\\s*(\\d+)");

    /**
     * Reads a rank's file. An unreadable or unparseable file gives a RankFile with a {@link
     * #problem}; its rank is looked for in the text that is there.
     *
     * @param position the file's position among the files given, from 0
     * @param files how many files were given
     */
    @SuppressWarnings("unchecked")
    static RankFile read(Path path, int position, int files) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return failed(path, "", "no such file");
        } catch (IOException e) {
            return failed(path, "", "cannot read it: " + e.getMessage());
        } catch (RuntimeException e) { // malformed UTF-8
            return failed(path, "", "not UTF-8 text");
        }
        Map<String, Object> report;
        try {
            report = (Map<String, Object>) Tree.integral(JsonReader.parseObject(text));
        } catch (IllegalArgumentException e) {
            return failed(path, text, "not a whole JSON report (truncated?): " + e.getMessage());
        }
        List<Object> jobs = Tree.list(report, "jobs");
        if (jobs == null || jobs.isEmpty()) {
            String what = report.containsKey("client_stats") ? "an already merged report" : "not a fio or jfio report";
            return failed(path, text, "has no \"jobs\": " + what);
        }
        for (Object j : jobs) {
            if (!(j instanceof Map) || Tree.str((Map<String, Object>) j, "jobname") == null) {
                return failed(path, text, "a job without a \"jobname\": not a fio or jfio report");
            }
        }
        Map<String, Object> jfio = Tree.map(report, "jfio");
        for (String key : new String[] {"start_wall_ns", "start_target_wall_ns"}) {
            // epoch nanoseconds exceed a double's 53 bits: take the digits as written
            Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)").matcher(text);
            if (jfio != null && Tree.hasNum(jfio, key) && m.find()) {
                jfio.put(key, Long.parseLong(m.group(1)));
            }
        }
        exactSeriesZeros(report, text);
        if (jfio != null && Tree.hasNum(jfio, "rank")) {
            int ranks = Tree.hasNum(jfio, "ranks") ? (int) Tree.lng(jfio, "ranks") : -1;
            return new RankFile(path, (int) Tree.lng(jfio, "rank"), ranks, true, report, null);
        }
        return new RankFile(path, position, files, false, report, null);
    }

    /** Each series' zero_wall_ns as written (beyond a double's 53 bits): the k-th in the text is the k-th job's. */
    private static void exactSeriesZeros(Map<String, Object> report, String text) {
        Matcher m = Pattern.compile("\"zero_wall_ns\"\\s*:\\s*(\\d+)").matcher(text);
        for (Object j : Tree.list(report, "jobs")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> series = Tree.map(Tree.map((Map<String, Object>) j, "jfio"), "series");
            if (Tree.hasNum(series, "zero_wall_ns") && m.find()) {
                series.put("zero_wall_ns", Long.parseLong(m.group(1)));
            }
        }
    }

    private static RankFile failed(Path path, String text, String problem) {
        return new RankFile(path, find(RANK, text), find(RANKS, text), false, null, problem);
    }

    private static int find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** This unreadable file as rank {@code r}, inferred by the merge. */
    RankFile withRank(int r) {
        return new RankFile(path, r, ranks, false, report, problem);
    }

    /** Whether the file was read. */
    boolean ok() {
        return problem == null;
    }

    /** The top-level "jfio" object, or null. */
    Map<String, Object> jfio() {
        return Tree.map(report, "jfio");
    }

    /** The jobs, each a parsed object. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : Tree.list(report, "jobs")) {
            out.add((Map<String, Object>) o);
        }
        return out;
    }

    /** The host the rank ran on: the "jfio" object's, else the file's name. */
    String hostname() {
        String h = Tree.str(jfio(), "hostname");
        return h != null ? h : path.getFileName().toString();
    }

    /** The job digest, or null when the file has none. */
    String digest() {
        return Tree.str(jfio(), "job_digest");
    }

    /** When this rank's I/O started (epoch ns), or null when the file does not say. */
    Long startWallNanos() {
        Map<String, Object> j = jfio();
        return Tree.hasNum(j, "start_wall_ns") ? Tree.lng(j, "start_wall_ns") : null;
    }

    /** The report's timestamp_ms (else timestamp * 1000). */
    long timestampMillis() {
        return Tree.hasNum(report, "timestamp_ms")
                ? Tree.lng(report, "timestamp_ms")
                : Tree.lng(report, "timestamp") * 1000;
    }

    /** Its jobs that ended with error != 0, by name. */
    List<String> failedJobs() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> j : jobs()) {
            if (Tree.lng(j, "error") != 0) {
                out.add(Tree.str(j, "jobname") + " (error " + Tree.lng(j, "error") + ")");
            }
        }
        return out;
    }

    /** "rank 2 (r2.json)". */
    String label() {
        return (rank >= 0 ? "rank " + rank : "rank ?") + " (" + path.getFileName() + ")";
    }
}
