package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfio.job.JobParser;
import dev.jfio.job.JobSpec;
import dev.jfio.job.OptionCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code directory=a:b}: fio's set_name_idx spreads the clones' generated files over the directories. */
class DirectoryListTest {
    private static JobSpec job(String... args) {
        List<String> all = new ArrayList<>(List.of("--name=j"));
        all.addAll(List.of(args));
        JobParser parser = new JobParser(new OptionCatalog(Map.of("file", List.of()), Map.of()), Map.of(), s -> "file");
        return parser.parse(List.of(), all, Set.of()).jobs().get(0);
    }

    private static String file(JobSpec spec, int clone) {
        return FileSet.of(spec, clone).names().get(0);
    }

    @Test
    void clonesWithGeneratedNamesTakeTheDirectoriesInTurn() {
        JobSpec spec = job("--directory=/d1:/d2", "--numjobs=3");
        assertEquals("/d1/j.0.0", file(spec, 0));
        assertEquals("/d2/j.1.0", file(spec, 1));
        assertEquals("/d1/j.2.0", file(spec, 2));
    }

    @Test
    void namedFilesTakeTheFirstDirectorySoClonesShareThem() {
        JobSpec spec = job("--directory=/d1:/d2", "--numjobs=2", "--filename=f");
        assertEquals("/d1/f", file(spec, 0));
        assertEquals("/d1/f", file(spec, 1));
    }

    @Test
    void anEscapedColonStaysInTheDirectoryName() {
        JobSpec spec = job("--directory=/a\\:b:/c", "--numjobs=2");
        assertEquals("/a:b/j.0.0", file(spec, 0));
        assertEquals("/c/j.1.0", file(spec, 1));
    }
}
