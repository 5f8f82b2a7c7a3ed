package dev.jfio.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data the report page draws: every run's header and jobs ({@link JobModel}) and the
 * comparisons ({@link ComparisonModel}), as one map for {@link JsonText}. Stateless.
 */
final class ReportModel {
    private ReportModel() {}

    static Map<String, Object> of(List<RunFile> runs) {
        List<Object> runModels = new ArrayList<>();
        List<Map<String, Object>> allJobs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (RunFile run : runs) {
            List<Object> jobs = new ArrayList<>();
            for (int i = 0; i < run.jobs().size(); i++) {
                Map<String, Object> job = JobModel.of(run, run.jobs().get(i), i);
                jobs.add(job);
                allJobs.add(run.jobs().get(i));
                labels.add((String) job.get("label"));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", run.label());
            r.put("version", run.version());
            r.put("time", run.time());
            r.put("jobs", jobs);
            runModels.add(r);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("runs", runModels);
        model.put("compare", ComparisonModel.of(allJobs, labels));
        return model;
    }
}
