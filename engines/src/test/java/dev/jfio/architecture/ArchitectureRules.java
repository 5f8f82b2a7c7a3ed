package dev.jfio.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;

/**
 * The module and package rules of jfio (DESIGN.md, "Modules" and "Packages in core"), as
 * ArchUnit rules. {@link ArchitectureTest} checks them against every module's main classes;
 * {@link ArchitectureRulesCatchViolationsTest} shows each one failing on violating fixtures.
 */
final class ArchitectureRules {

    /** Engine modules live in {@code dev.jfio.engine.<name>..}; {@code dev.jfio.engine} itself is core's engine loading. */
    private static final String ENGINE_MODULES = "dev.jfio.engine.";

    private ArchitectureRules() {}

    static final ArchRule SPI_DEPENDS_ON_THE_JDK_ALONE = classes()
            .that()
            .resideInAPackage("dev.jfio.spi..")
            .should()
            .onlyDependOnClassesThat(inTheJdk().or(inPackage("dev.jfio.spi")))
            .as("the SPI (dev.jfio.spi) depends on the JDK alone");

    static final ArchRule ENGINES_SEE_THE_SPI_POSIX_AND_THEIR_OWN_PACKAGE_ONLY = classes()
            .that(inAnEngineModule())
            .should(onlyDependOnTheJdkSpiPosixAndTheirOwnEngine())
            .as("engines (dev.jfio.engine.<name>..) see the JDK, dev.jfio.spi, dev.jfio.posix, their own package and"
                    + " their own libraries (nbd: BouncyCastle) only");

    static final ArchRule NOTHING_OUTSIDE_AN_ENGINE_DEPENDS_ON_ONE = noClasses()
            .that(DescribedPredicate.not(inAnEngineModule()))
            .should()
            .dependOnClassesThat(inAnEngineModule())
            .as("nothing outside an engine module (core, spi, posix) depends on an engine");

    static final ArchRule RUN_NEVER_DEPENDS_ON_REPORT_OR_CLI = noClasses()
            .that()
            .resideInAPackage("dev.jfio.run..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.jfio.report..", "dev.jfio.cli..")
            .as("dev.jfio.run never depends on dev.jfio.report or dev.jfio.cli (the runner formats no text)");

    static final ArchRule STATS_NEVER_DEPENDS_ON_POSIX = noClasses()
            .that()
            .resideInAPackage("dev.jfio.stats..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.jfio.posix..")
            .as("dev.jfio.stats never depends on dev.jfio.posix (statistics call no native code)");

    static final ArchRule STATS_NEVER_DEPENDS_ON_RUN_REPORT_OR_CLI = noClasses()
            .that()
            .resideInAPackage("dev.jfio.stats..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.jfio.run..", "dev.jfio.report..", "dev.jfio.cli..")
            .as(
                    "dev.jfio.stats never depends on dev.jfio.run, dev.jfio.report or dev.jfio.cli (data flows run -> stats -> report)");

    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("dev.jfio.(**)").should().beFreeOfCycles().as("no cycles among the dev.jfio packages");

    static DescribedPredicate<JavaClass> inAnEngineModule() {
        return DescribedPredicate.describe(
                "in an engine module", c -> engineOf(c).isPresent());
    }

    private static DescribedPredicate<JavaClass> inTheJdk() {
        return DescribedPredicate.describe("in the JDK", ArchitectureRules::isJdk);
    }

    /** The package or one of its sub-packages. */
    private static DescribedPredicate<JavaClass> inPackage(String name) {
        return DescribedPredicate.describe("in " + name, c -> isIn(c, name));
    }

    /**
     * The libraries an engine brings along in its own module: the nbd engine's TLS-PSK needs
     * BouncyCastle (the JDK has no external PSK), and nobody else may use it.
     */
    private static boolean isOwnLibrary(String engine, JavaClass target) {
        return engine.equals("nbd") && isIn(target, "org.bouncycastle");
    }

    private static ArchCondition<JavaClass> onlyDependOnTheJdkSpiPosixAndTheirOwnEngine() {
        return new ArchCondition<>(
                "only depend on the JDK, dev.jfio.spi, dev.jfio.posix and their own engine package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String engine = engineOf(origin).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    boolean allowed = isJdk(target)
                            || isIn(target, "dev.jfio.spi")
                            || isIn(target, "dev.jfio.posix")
                            || engineOf(target).filter(engine::equals).isPresent()
                            || isOwnLibrary(engine, target);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The engine module a class belongs to: {@code nbd} for {@code dev.jfio.engine.nbd.protocol.Nbd}. */
    private static Optional<String> engineOf(JavaClass c) {
        String pkg = c.getBaseComponentType().getPackageName();
        if (!pkg.startsWith(ENGINE_MODULES)) {
            return Optional.empty();
        }
        String rest = pkg.substring(ENGINE_MODULES.length());
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static boolean isJdk(JavaClass c) {
        JavaClass base = c.getBaseComponentType();
        String pkg = base.getPackageName();
        return base.isPrimitive() || isIn(pkg, "java") || isIn(pkg, "javax") || isIn(pkg, "jdk");
    }

    private static boolean isIn(JavaClass c, String pkg) {
        return isIn(c.getBaseComponentType().getPackageName(), pkg);
    }

    private static boolean isIn(String pkg, String parent) {
        return pkg.equals(parent) || pkg.startsWith(parent + ".");
    }
}
