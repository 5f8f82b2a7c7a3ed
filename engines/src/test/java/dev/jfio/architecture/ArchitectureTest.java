package dev.jfio.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The module and package rules, checked against the main classes of every module (all on this module's test classpath). */
@AnalyzeClasses(packages = "dev.jfio", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule spiDependsOnTheJdkAlone = ArchitectureRules.SPI_DEPENDS_ON_THE_JDK_ALONE;

    @ArchTest
    static final ArchRule enginesSeeTheSpiPosixAndTheirOwnPackageOnly =
            ArchitectureRules.ENGINES_SEE_THE_SPI_POSIX_AND_THEIR_OWN_PACKAGE_ONLY;

    @ArchTest
    static final ArchRule nothingOutsideAnEngineDependsOnOne =
            ArchitectureRules.NOTHING_OUTSIDE_AN_ENGINE_DEPENDS_ON_ONE;

    @ArchTest
    static final ArchRule runNeverDependsOnReportOrCli = ArchitectureRules.RUN_NEVER_DEPENDS_ON_REPORT_OR_CLI;

    @ArchTest
    static final ArchRule statsNeverDependsOnPosix = ArchitectureRules.STATS_NEVER_DEPENDS_ON_POSIX;

    @ArchTest
    static final ArchRule statsNeverDependsOnRunReportOrCli =
            ArchitectureRules.STATS_NEVER_DEPENDS_ON_RUN_REPORT_OR_CLI;

    @ArchTest
    static final ArchRule noPackageCycles = ArchitectureRules.NO_PACKAGE_CYCLES;

    /** Guards the rules above against passing on an import that misses a module. */
    @ArchTest
    static void importHoldsTheMainClassesOfEveryModule(JavaClasses classes) {
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        for (String module : List.of(
                "dev.jfio.spi",
                "dev.jfio.posix",
                "dev.jfio.cli",
                "dev.jfio.run",
                "dev.jfio.engine",
                "dev.jfio.engine.nul",
                "dev.jfio.engine.file",
                "dev.jfio.engine.nbd")) {
            assertTrue(packages.contains(module), () -> module + " missing from " + packages);
        }
        assertTrue(packages.stream().noneMatch(p -> p.contains("archfixture")), "test fixtures imported: " + packages);
    }

    /**
     * Main classes only, wherever they come from: target*&#47;classes or the modules' jars. Unlike
     * ArchUnit's DoNotIncludeTests this also drops the test-jars and the -Djfio.build.suffix target dirs.
     */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }
}
