package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobParserTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, List.of(lines));
        return p;
    }

    private JobSet parse(Path file, String... args) {
        return TestCatalogs.parser(Map.of()).parse(file == null ? List.of() : List.of(file), List.of(args), Set.of());
    }

    private String error(Path file, String... args) {
        return assertThrows(JobSpecException.class, () -> parse(file, args)).getMessage();
    }

    private static JobSpec job(JobSet set, String name) {
        return set.jobs().stream()
                .filter(j -> j.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void globalSectionAppliesOnlyToJobsAfterIt() throws IOException {
        Path f = write(
                "jobs.fio",
                "[global]",
                "bs=8k",
                "rw=randread",
                "[first]",
                "[global]",
                "bs=16k",
                "[second]",
                "rw=write");
        JobSet set = parse(f);
        assertEquals(2, set.jobs().size());
        JobSpec first = job(set, "first");
        JobSpec second = job(set, "second");
        assertEquals(8192, first.bs(IoOp.READ).min());
        assertEquals(RwMode.RANDREAD, first.rw());
        assertEquals(16384, second.bs(IoOp.WRITE).min());
        assertEquals(RwMode.WRITE, second.rw());
        assertEquals(0, first.index());
        assertEquals(1, second.index());
        assertEquals(Map.of("bs", "16k", "rw", "randread"), set.globalOptions());
    }

    @Test
    void jobSectionOverridesGlobalAndJobOptionsHoldOnlyItsOwn() throws IOException {
        Path f = write("jobs.fio", "[global]", "iodepth=4", "size=1m", "runtime=2", "[x]", "iodepth=16", "time_based");
        JobSpec x = parse(f).jobs().get(0);
        assertEquals(16, x.depth().iodepth());
        assertEquals(Map.of("iodepth", "16", "time_based", ""), x.jobOptions());
        assertEquals("1m", x.effectiveOptions().get("size"));
        assertTrue(x.timing().timeBased());
        assertEquals(new SourceLocation(f.toString(), 6), x.location("iodepth"));
        assertEquals(new SourceLocation(f.toString(), 3), x.location("size"));
        assertEquals(List.of(), x.warnings());
    }

    @Test
    void timeBasedWithoutRuntimeWarnsAndRunsBySizeAsFio() throws IOException {
        Path f = write("jobs.fio", "[x]", "size=1m", "time_based");
        JobSpec x = parse(f).jobs().get(0);
        assertFalse(x.timing().timeBased(), "fio turns time_based off rather than run forever");
        assertEquals(
                List.of(f + ":3: time_based requires a runtime/timeout setting: the job runs by size"), x.warnings());
    }

    @Test
    void tiobenchsThreadsIsAcceptedWithANoticeThatItDoesNothingWithoutItsProfileAsInFio() throws IOException {
        // fio's own examples (steadystate.fio, waitfor.fio) set threads=1: a tiobench profile option
        Path f = write("jobs.fio", "[x]", "size=1m", "threads=1", "numjobs=2");
        JobSpec x = parse(f).jobs().get(0);
        assertEquals(2, x.numjobs());
        assertEquals(
                List.of(f + ":3: option threads belongs to fio's tiobench profile, which jfio does not have;"
                        + " without profile=tiobench it does nothing, in fio as in jfio"),
                x.warnings());
    }

    @Test
    void commentsBlankLinesAndWhitespaceAroundEquals() throws IOException {
        Path f = write(
                "jobs.fio",
                "; a comment",
                "# another",
                "",
                "[x]",
                "  bs = 8k  ",
                "size=1m ; trailing comment",
                "iodepth=2\t# trailing too",
                "filename=/tmp/a#b;c");
        JobSpec x = parse(f).jobs().get(0);
        assertEquals(8192, x.bs(IoOp.READ).max());
        assertEquals(1 << 20, x.region().size());
        assertEquals(2, x.depth().iodepth());
        assertEquals(List.of("/tmp/a#b;c"), x.region().filenames());
    }

    @Test
    void optionBeforeAnySectionIsAnError() throws IOException {
        Path f = write("jobs.fio", "size=1k", "[x]");
        assertEquals(f + ":1: option 'size=1k' outside of any [section]", error(f));
    }

    @Test
    void unterminatedSectionHeaderIsAnError() throws IOException {
        Path f = write("jobs.fio", "[x]", "size=1k", "[y");
        assertEquals(f + ":3: unterminated section header '[y' (missing ']')", error(f));
    }

    @Test
    void missingJobFileIsAnError() {
        Path f = dir.resolve("nope.fio");
        assertEquals("cannot read job file " + f + ": no such file", error(f));
    }

    @Test
    void includeIsRelativeToTheIncludingFile() throws IOException {
        write("sub/common.fio", "bs=64k", "include more.fio");
        write("sub/more.fio", "iodepth=8");
        Path f = write("jobs.fio", "[x]", "include sub/common.fio", "size=1m");
        JobSpec x = parse(f).jobs().get(0);
        assertEquals(65536, x.bs(IoOp.READ).min());
        assertEquals(8, x.depth().iodepth());
        assertEquals(dir.resolve("sub/more.fio") + ":1", x.location("iodepth").toString());
    }

    @Test
    void includeMayBringWholeSections() throws IOException {
        write("sections.fio", "[global]", "bs=2k", "[a]", "[b]");
        Path f = write("jobs.fio", "include sections.fio", "[c]");
        JobSet set = parse(f);
        assertEquals(
                List.of("a", "b", "c"), set.jobs().stream().map(JobSpec::name).toList());
        assertEquals(2048, job(set, "c").bs(IoOp.READ).min());
    }

    @Test
    void includeLoopIsAnError() throws IOException {
        write("a.fio", "include b.fio");
        write("b.fio", "include a.fio");
        Path f = write("jobs.fio", "[x]", "include a.fio");
        assertEquals(
                dir.resolve("b.fio") + ":1: include loop: " + dir.resolve("a.fio") + " is already being read",
                error(f));
    }

    @Test
    void missingIncludeIsAnErrorAtTheIncludeLine() throws IOException {
        Path f = write("jobs.fio", "[x]", "size=1m", "include gone.fio");
        assertEquals(f + ":3: cannot read included file " + dir.resolve("gone.fio") + ": no such file", error(f));
    }

    @Test
    void environmentVariablesExpandAndUnsetOnesAreEmpty() throws IOException {
        Path f = write("jobs.fio", "[x]", "ioengine=nbd", "uri=${URI}", "size=${SIZE}m", "description=a${UNSET}b");
        JobSet set = TestCatalogs.parser(Map.of("URI", "nbd+unix:///?socket=/tmp/s", "SIZE", "4"))
                .parse(List.of(f), List.of(), Set.of());
        JobSpec x = set.jobs().get(0);
        assertEquals("nbd+unix:///?socket=/tmp/s", x.engineOption("uri"));
        assertEquals(4L << 20, x.region().size());
        assertEquals("ab", x.description());
    }

    @Test
    void systemKeywordsExpandInsideArithmetic() throws IOException {
        Path f = write("jobs.fio", "[x]", "numjobs=$ncpus", "size=($mb_memory/2)m", "bs=$pagesize");
        JobSpec x = parse(f).jobs().get(0);
        assertEquals(8, x.numjobs());
        assertEquals(8192L << 20, x.region().size());
        assertEquals(4096, x.bs(IoOp.READ).min());
        assertEquals("($mb_memory/2)m".replace("$mb_memory", "16384"), x.raw("size"));
    }

    @Test
    void commandLineJobsStartAtEachName() {
        JobSet set = parse(null, "--ioengine=null", "--size=1m", "--name=a", "--rw=write", "--name=b", "--bs=8k");
        assertEquals(2, set.jobs().size());
        JobSpec a = job(set, "a");
        JobSpec b = job(set, "b");
        assertEquals("null", a.ioengine());
        assertEquals(RwMode.WRITE, a.rw());
        assertEquals(RwMode.READ, b.rw());
        assertEquals(1 << 20, b.region().size());
        assertEquals(8192, b.bs(IoOp.READ).min());
        assertEquals(Map.of("name", "a", "rw", "write"), a.jobOptions());
        assertEquals(Map.of("ioengine", "null", "size", "1m"), set.globalOptions());
        assertEquals(SourceLocation.commandLine(4), a.location("rw"));
    }

    @Test
    void commandLineGlobalsOverrideJobFilesAndItsJobsComeAfter() throws IOException {
        Path f = write("jobs.fio", "[global]", "bs=4k", "[x]", "iodepth=4", "size=1m");
        JobSet set = parse(f, "--iodepth=32", "--name=y", "--size=2m");
        assertEquals(List.of("x", "y"), set.jobs().stream().map(JobSpec::name).toList());
        JobSpec x = job(set, "x");
        JobSpec y = job(set, "y");
        assertEquals(32, x.depth().iodepth());
        assertEquals(SourceLocation.commandLine(1), x.location("iodepth"));
        assertEquals(32, y.depth().iodepth());
        assertEquals(2 << 20, y.region().size());
        assertEquals("4k", x.raw("bs"));
        assertNull(y.raw("bs"), "command-line jobs do not inherit the job file's [global]");
    }

    @Test
    void sectionFilterKeepsOnlyNamedSectionsButGlobalsStillApply() throws IOException {
        Path f = write("jobs.fio", "[global]", "bs=2k", "[a]", "[b]", "iodepth=3", "[c]");
        JobSet set = TestCatalogs.parser(Map.of()).parse(List.of(f), List.of(), Set.of("b"));
        assertEquals(1, set.jobs().size());
        assertEquals("b", set.jobs().get(0).name());
        assertEquals(0, set.jobs().get(0).index());
        assertEquals(2048, set.jobs().get(0).bs(IoOp.READ).min());
        assertEquals(
                "no job section named 'zz' in the job files",
                assertThrows(
                                JobSpecException.class,
                                () -> TestCatalogs.parser(Map.of()).parse(List.of(f), List.of(), Set.of("zz")))
                        .getMessage());
    }

    @Test
    void eachJobFileAfterTheFirstStartsAStonewalledGroup() throws IOException {
        Path f1 = write("one.fio", "[a]", "[b]");
        Path f2 = write("two.fio", "[c]", "[d]");
        JobSet set = TestCatalogs.parser(Map.of()).parse(List.of(f1, f2), List.of(), Set.of());
        assertFalse(job(set, "a").stonewall());
        assertFalse(job(set, "b").stonewall());
        assertTrue(job(set, "c").stonewall());
        assertFalse(job(set, "d").stonewall());
    }

    @Test
    void engineOptionsWorkInSectionsGlobalsAndCommandLine() throws IOException {
        Path f = write("jobs.fio", "[global]", "ioengine=nbd", "port=10810", "[x]", "sockname=/tmp/s", "fua");
        JobSet set = parse(f, "--connect_timeout=2", "--max_request=1m");
        JobSpec x = set.jobs().get(0);
        assertEquals("nbd", x.ioengine());
        assertEquals(10810L, x.engineOption("port"));
        assertEquals("/tmp/s", x.engineOption("sockname"));
        assertEquals(Boolean.TRUE, x.engineOption("fua"));
        assertEquals(2_000_000_000L, x.engineOption("connect_timeout"));
        assertEquals(1L << 20, x.engineOption("max_request"));
        assertNull(x.engineOption("uri"));
    }

    @Test
    void engineOptionForAnotherEngineInAJobSectionIsAnError() throws IOException {
        Path f = write("jobs.fio", "[x]", "ioengine=null", "sockname=/tmp/s");
        assertEquals(f + ":3: option 'sockname' belongs to engine 'nbd', but job 'x' uses ioengine=null", error(f));
    }

    @Test
    void engineOptionInGlobalForAJobOfAnotherEngineIsAnError() throws IOException {
        Path f = write("jobs.fio", "[global]", "sockname=/tmp/s", "[a]", "ioengine=nbd", "[b]", "ioengine=null");
        assertEquals(f + ":2: option 'sockname' belongs to engine 'nbd', but job 'b' uses ioengine=null", error(f));
    }

    @Test
    void commandLineGlobalEngineOptionAppliesOnlyToJobsWhoseEngineDeclaresIt() throws IOException {
        Path f = write("jobs.fio", "[a]", "ioengine=nbd", "[b]", "ioengine=null");
        JobSet set = parse(f, "--sockname=/tmp/s", "--null_mode=sync");
        assertEquals("/tmp/s", job(set, "a").engineOption("sockname"));
        assertNull(job(set, "a").engineOption("null_mode"));
        assertEquals("sync", job(set, "b").engineOption("null_mode"));
        assertNull(job(set, "b").raw("sockname"));
    }

    @Test
    void commandLineGlobalEngineOptionNoJobUsesIsAnError() throws IOException {
        Path f = write("jobs.fio", "[a]", "ioengine=null");
        assertEquals(
                "command line:2: option 'sockname' belongs to engine 'nbd', but no job uses it (ioengine: null)",
                error(f, "--size=1m", "--sockname=/tmp/s"));
    }

    @Test
    void engineOptionAfterNameOfAnotherEngineIsAnError() {
        assertEquals(
                "command line:3: option 'sockname' belongs to engine 'nbd', but job 'a' uses ioengine=psync",
                error(null, "--size=1m", "--name=a", "--sockname=/x"));
    }

    @Test
    void optionDeclaredByTwoEnginesIsAcceptedForEither() {
        JobSet set = parse(
                null, "--uri=nbd://h", "--name=a", "--ioengine=nbd", "--name=b", "--ioengine=external:/x/delay.jar");
        assertEquals("nbd://h", job(set, "a").engineOption("uri"));
        assertEquals("nbd://h", job(set, "b").engineOption("uri"));
        assertEquals("thirdparty", job(set, "b").ioengine());
        assertEquals("external:/x/delay.jar", job(set, "b").ioengineText());
        assertEquals(
                "option 'uri' belongs to engines 'nbd', 'thirdparty', but job 'c' uses ioengine=null",
                assertThrows(JobSpecException.class, () -> parse(null, "--name=c", "--ioengine=null", "--uri=x"))
                        .getMessage()
                        .replaceFirst("^command line:3: ", ""));
    }

    @Test
    void badEngineOptionValueNamesTheOption() throws IOException {
        Path f = write("jobs.fio", "[x]", "ioengine=null", "null_mode=fast");
        assertEquals(
                f + ":3: null_mode=fast: invalid value 'fast' for null_mode (accepted: sync, async, auto)", error(f));
        Path g = write("jobs2.fio", "[x]", "ioengine=nbd", "port=abc");
        assertEquals(g + ":3: port=abc: invalid integer 'abc'", error(g));
    }

    @Test
    void ioengineAliasesResolveAndUnknownEnginesAreErrorsAtTheirLine() throws IOException {
        assertEquals("file", parse(null, "--name=a").jobs().get(0).ioengine());
        assertEquals("psync", parse(null, "--name=a").jobs().get(0).ioengineText());
        assertEquals(
                "file", parse(null, "--name=a", "--ioengine=sync").jobs().get(0).ioengine());
        Path f = write("jobs.fio", "[x]", "ioengine=libaio");
        assertEquals(f + ":2: unknown ioengine 'libaio'; available: file (psync, sync), nbd, null", error(f));
    }

    @Test
    void unknownOptionSuggestsTheNearestName() throws IOException {
        Path f = write("jobs.fio", "[x]", "size=1m", "blocksize2=4k");
        assertEquals(f + ":3: unknown option 'blocksize2' (did you mean 'blocksize'?)", error(f));
        assertEquals("command line:1: unknown option 'sockame' (did you mean 'sockname'?)", error(null, "--sockame=x"));
        assertEquals("command line:1: unknown option 'frobnicate'", error(null, "--frobnicate=1"));
    }

    @Test
    void optionsJfioCannotApplyAreErrorsThatSayWhy() throws IOException {
        Path f = write("jobs.fio", "[x]", "profile=tiobench");
        assertEquals(
                f + ":2: profile cannot apply to jfio: fio's built-in profiles (tiobench, act) generate their jobs"
                        + " inside fio;"
                        + " jfio has none: write the jobs out in a job file",
                error(f));
        assertTrue(error(null, "--cgroup=x", "--name=x")
                .startsWith("command line:1: cgroup cannot apply to jfio: fio moves each job's process"));
    }

    @Test
    void aliasesMapToCanonicalNames() {
        JobSpec j = parse(
                        null,
                        "--name=a",
                        "--iodepth=4",
                        "--readwrite=randwrite",
                        "--blocksize=8k",
                        "--io_limit=4m",
                        "--timeout=3",
                        "--iodepth_batch=4",
                        "--iodepth_batch_complete=2",
                        "--wait_for_previous",
                        "--blocksize_range=1k-2k")
                .jobs()
                .get(0);
        assertEquals(RwMode.RANDWRITE, j.rw());
        assertEquals(4L << 20, j.region().ioSize());
        assertEquals(3_000_000_000L, j.timing().runtimeNanos());
        assertEquals(4, j.depth().batchSubmit());
        assertEquals(2, j.depth().batchCompleteMin());
        assertTrue(j.stonewall());
        assertEquals(new BlockSizeSpec(1024, 2048, List.of()), j.bs(IoOp.WRITE));
        assertEquals("randwrite", j.raw("readwrite"));
        assertEquals("randwrite", j.raw("rw"));
        assertTrue(j.jobOptions().containsKey("rw"));
    }

    @Test
    void commandLineArgumentsMustBeOptions() {
        assertEquals(
                "command line:2: expected --option or --option=value, got 'jobs.fio'",
                error(null, "--name=a", "jobs.fio"));
        assertEquals("command line:1: option '--name' requires a value", error(null, "--name"));
    }

    @Test
    void noJobsGivesAnEmptySet() throws IOException {
        Path f = write("jobs.fio", "[global]", "bs=4k");
        JobSet set = parse(f);
        assertTrue(set.jobs().isEmpty());
        assertEquals(Map.of("bs", "4k"), set.globalOptions());
    }

    @Test
    void fiosReferenceNbdJobFileParses() throws Exception {
        Path f = dir.resolve("nbd-2jobs.fio");
        try (java.io.InputStream in = getClass().getResourceAsStream("/job/nbd-2jobs.fio")) {
            Files.copy(in, f);
        }
        JobSet set = TestCatalogs.parser(Map.of("uri", "nbd+unix:///?socket=/tmp/nbd.sock"))
                .parse(List.of(f), List.of(), Set.of());
        assertEquals(
                List.of("job0", "job1"), set.jobs().stream().map(JobSpec::name).toList());
        JobSpec job1 = job(set, "job1");
        assertEquals("nbd", job1.ioengine());
        assertEquals("nbd+unix:///?socket=/tmp/nbd.sock", job1.engineOption("uri"));
        assertEquals(RwMode.RANDRW, job1.rw());
        assertEquals(16, job1.depth().iodepth());
        assertTrue(job1.timing().timeBased());
        assertEquals(2_000_000_000L, job1.timing().runtimeNanos());
        assertTrue(job1.reporting().groupReporting());
        assertEquals(64L << 20, job1.region().offset());
        assertEquals(64L << 20, job1.region().size());
        assertEquals(Map.of("offset", "64m", "size", "64m"), job1.jobOptions());
        assertEquals("nbd+unix:///?socket=/tmp/nbd.sock", set.globalOptions().get("uri"));
    }

    @Test
    void showcmdPrintsGlobalsThenEachJob() throws IOException {
        Path f = write(
                "jobs.fio",
                "[global]",
                "size=1k",
                "[x]",
                "ioengine=null",
                "bs=8",
                "time_based",
                "description=two words");
        JobSet set = parse(f);
        assertEquals(
                "jfio --size=1k --name=x --ioengine=null --bs=8 --time_based '--description=two words'",
                set.toCommandLine());
        assertEquals(
                "jfio --name=x --size=1k --ioengine=null --bs=8 --time_based '--description=two words'",
                set.jobs().get(0).toCommandLine());
    }
}
