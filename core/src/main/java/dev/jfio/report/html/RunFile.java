package dev.jfio.report.html;

import dev.jfio.compare.JsonReader;
import dev.jfio.compare.ReportJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One JSON report given to {@code jfio report}, fio's or jfio's (json or json+), parsed: its
 * header and jobs. Immutable once read.
 *
 * @param path where it was read from (fio's log files are looked for next to it)
 * @param version its "fio version"
 * @param time its "time"
 * @param globalOptions its "global options" (empty when absent)
 * @param jobs its "jobs", each a parsed object
 */
record RunFile(
        Path path, String version, String time, Map<String, Object> globalOptions, List<Map<String, Object>> jobs) {

    /**
     * Reads and checks a report.
     *
     * @throws IllegalArgumentException one line naming the file and what is wrong with it
     */
    @SuppressWarnings("unchecked")
    static RunFile read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + path + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        } catch (RuntimeException e) { // malformed UTF-8 surfaces as an unchecked exception
            throw new IllegalArgumentException("cannot read " + path + ": not UTF-8 text (" + e.getMessage() + ")");
        }
        Map<String, Object> report;
        try {
            report = JsonReader.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    path + " is not a JSON report (fio's or jfio's --output-format=json): " + e.getMessage());
        }
        List<Object> jobs = new ArrayList<>(ReportJobs.of(report)); // a merged report's "client_stats"
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException(
                    path + " has no \"jobs\" (nor \"client_stats\"): not a fio or jfio JSON report");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Object o : jobs) {
            if (!(o instanceof Map) || !(((Map<String, Object>) o).get("jobname") instanceof String)) {
                throw new IllegalArgumentException(
                        path + ": a job without a \"jobname\": not a fio or jfio JSON report");
            }
            list.add((Map<String, Object>) o);
        }
        Object globals = report.get("global options");
        return new RunFile(
                path,
                String.valueOf(report.getOrDefault("fio version", "?")),
                String.valueOf(report.getOrDefault("time", "")),
                globals instanceof Map ? (Map<String, Object>) globals : Map.of(),
                List.copyOf(list));
    }

    /** The file's name, to label its jobs. */
    String label() {
        return path.getFileName().toString();
    }
}
