package dev.jfio.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.jfio.archfixture.cycle.left.Left;
import dev.jfio.archfixture.cycle.right.Right;
import dev.jfio.cli.archfixture.CliFixture;
import dev.jfio.engine.archfixture.CompliantEngine;
import dev.jfio.engine.archfixture.EngineUsingALibrary;
import dev.jfio.engine.archfixture.EngineUsingAnotherEngine;
import dev.jfio.engine.archfixture.EngineUsingTheRunner;
import dev.jfio.engine.archfixture.internal.EngineHelper;
import dev.jfio.engine.otherfixture.OtherEngine;
import dev.jfio.job.archfixture.JobFixture;
import dev.jfio.posix.archfixture.PosixCall;
import dev.jfio.report.archfixture.ReportFixture;
import dev.jfio.run.archfixture.RunFixture;
import dev.jfio.run.archfixture.RunnerFormattingText;
import dev.jfio.run.archfixture.RunnerParsingArguments;
import dev.jfio.run.archfixture.RunnerUsingAnEngine;
import dev.jfio.spi.archfixture.SpiUsingALibrary;
import dev.jfio.spi.archfixture.SpiUsingTheJobModel;
import dev.jfio.spi.archfixture.SpiValue;
import dev.jfio.stats.archfixture.StatsCallingNative;
import dev.jfio.stats.archfixture.StatsFixture;
import dev.jfio.stats.archfixture.StatsReadingTheRunner;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.example.archfixture.Library;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule, evaluated against a small set of fixture classes (dev.jfio.*.archfixture,
 * test sources only) of which some break it: the rule reports exactly those, and none of the others.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final List<Class<?>> ACYCLIC_FIXTURES = List.of(
            Library.class,
            JobFixture.class,
            ReportFixture.class,
            CliFixture.class,
            PosixCall.class,
            SpiValue.class,
            SpiUsingTheJobModel.class,
            SpiUsingALibrary.class,
            EngineHelper.class,
            CompliantEngine.class,
            OtherEngine.class,
            EngineUsingAnotherEngine.class,
            EngineUsingTheRunner.class,
            EngineUsingALibrary.class,
            RunFixture.class,
            RunnerFormattingText.class,
            RunnerParsingArguments.class,
            RunnerUsingAnEngine.class,
            StatsFixture.class,
            StatsCallingNative.class,
            StatsReadingTheRunner.class);

    private static final List<Class<?>> CYCLE = List.of(Left.class, Right.class);

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importClasses(
                    Stream.concat(ACYCLIC_FIXTURES.stream(), CYCLE.stream()).toList());

    @Test
    void spiRuleReportsSpiClassesThatUseCoreOrALibrary() {
        assertReportsExactly(
                ArchitectureRules.SPI_DEPENDS_ON_THE_JDK_ALONE, SpiUsingTheJobModel.class, SpiUsingALibrary.class);
    }

    @Test
    void engineRuleReportsEnginesThatUseCoreAnotherEngineOrALibrary() {
        assertReportsExactly(
                ArchitectureRules.ENGINES_SEE_THE_SPI_POSIX_AND_THEIR_OWN_PACKAGE_ONLY,
                EngineUsingTheRunner.class,
                EngineUsingAnotherEngine.class,
                EngineUsingALibrary.class);
    }

    @Test
    void coreRuleReportsCoreClassesThatUseAnEngine() {
        assertReportsExactly(ArchitectureRules.NOTHING_OUTSIDE_AN_ENGINE_DEPENDS_ON_ONE, RunnerUsingAnEngine.class);
    }

    @Test
    void runRuleReportsTheRunnerUsingReportsOrTheCommandLine() {
        assertReportsExactly(
                ArchitectureRules.RUN_NEVER_DEPENDS_ON_REPORT_OR_CLI,
                RunnerFormattingText.class,
                RunnerParsingArguments.class);
    }

    @Test
    void statsRuleReportsStatisticsCallingNativeCode() {
        assertReportsExactly(ArchitectureRules.STATS_NEVER_DEPENDS_ON_POSIX, StatsCallingNative.class);
    }

    @Test
    void statsFlowRuleReportsStatisticsUsingTheRunner() {
        assertReportsExactly(ArchitectureRules.STATS_NEVER_DEPENDS_ON_RUN_REPORT_OR_CLI, StatsReadingTheRunner.class);
    }

    @Test
    void cycleRuleReportsTheTwoPackagesThatUseEachOther() {
        EvaluationResult result = ArchitectureRules.NO_PACKAGE_CYCLES.evaluate(FIXTURES);

        assertTrue(result.hasViolation(), "no cycle reported");
        String report = result.getFailureReport().toString();
        assertTrue(
                report.contains(Left.class.getName() + ".right") && report.contains(Right.class.getName() + ".left"),
                report);
        EvaluationResult acyclic =
                ArchitectureRules.NO_PACKAGE_CYCLES.evaluate(new ClassFileImporter().importClasses(ACYCLIC_FIXTURES));
        assertFalse(acyclic.hasViolation(), () -> acyclic.getFailureReport().toString());
    }

    private static void assertReportsExactly(ArchRule rule, Class<?>... violators) {
        EvaluationResult result = rule.evaluate(FIXTURES);

        Set<String> reported = result.getFailureReport().getDetails().stream()
                .map(ArchitectureRulesCatchViolationsTest::originClass)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = Stream.of(violators).map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                expected,
                reported,
                () -> String.join("\n", result.getFailureReport().getDetails()));
    }

    /** The fixture class a violation line starts from: "Field <a.b.C.field> has type <...>" gives a.b.C. */
    private static String originClass(String violation) {
        String origin = violation.substring(violation.indexOf('<') + 1, violation.indexOf('>'));
        return Stream.concat(ACYCLIC_FIXTURES.stream(), CYCLE.stream())
                .map(Class::getName)
                .filter(name -> origin.equals(name) || origin.startsWith(name + "."))
                .findFirst()
                .orElse(violation);
    }
}
