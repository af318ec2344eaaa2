package io.dbferry;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.dbferry.core.model.Engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules that a compiler does not check, on the classes of src/main: packages import each other in
 * one direction only, engine knowledge stays in core.dialect, the core knows no terminal, and the model
 * package sits at the bottom. A failure names the classes and lines that break a rule.
 */
@AnalyzeClasses(packages = "io.dbferry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageImportsOneThatImportsItBack = slices().matching("io.dbferry.(**)")
            .should().beFreeOfCycles();

    private static final Set<String> ENGINE_CONSTANTS =
            Arrays.stream(Engine.values()).map(Enum::name).collect(Collectors.toSet());

    /** Reading Engine.MYSQL and the like is testing an engine; a switch over Engine reads them too. */
    private static final DescribedPredicate<JavaFieldAccess> ENGINE_CONSTANT = DescribedPredicate.describe(
            "a constant of Engine", access -> access.getTargetOwner().isEquivalentTo(Engine.class)
                    && ENGINE_CONSTANTS.contains(access.getName()));

    @ArchTest
    static final ArchRule onlyTheDialectsTestEngines = noClasses()
            .that().resideOutsideOfPackage("io.dbferry.core.dialect..").and().doNotBelongToAnyOf(Engine.class)
            .should().accessFieldWhere(ENGINE_CONSTANT)
            .because("engine-specific knowledge belongs to the engine's dialect in core/dialect/<engine>/");

    @ArchTest
    static final ArchRule engineDialectsAreFoundThroughTheServicesFile = noClasses()
            .that().resideOutsideOfPackage("io.dbferry.core.dialect.*..")
            .should().dependOnClassesThat().resideInAPackage("io.dbferry.core.dialect.*..")
            .because("Dialects finds each engine's dialect in META-INF/services; the rest asks Dialect");

    @ArchTest
    static final ArchRule engineDialectsKnowNothingOfEachOther = slices().matching("io.dbferry.core.dialect.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule theCoreKnowsNoTerminal = noClasses()
            .that().resideInAPackage("io.dbferry.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dbferry.shell..", "org.springframework.shell..",
                    "org.jline..", "com.googlecode.lanterna..");

    @ArchTest
    static final ArchRule theModelDependsOnNothingOfDbferry = noClasses()
            .that().resideInAPackage("io.dbferry.core.model")
            .should().dependOnClassesThat(resideInAPackage("io.dbferry..").and(not(resideInAPackage("io.dbferry.core.model"))));

    /** Engine facts written as text (what ArchUnit cannot see): SQLite's file and index names, ports, driver URLs. */
    private static final Pattern ENGINE_TEXT = Pattern.compile(
            "sqlite_|\"primary\"|-wal\\b|-shm\\b|\\b(3306|5432)\\b|jdbc:(mysql|mariadb|postgresql|sqlite)", Pattern.CASE_INSENSITIVE);

    @ArchTest
    static void engineFactsAsTextOnlyInTheDialects(JavaClasses ignored) throws IOException {
        Path main = Path.of("src/main/java");
        Path dialects = main.resolve("io/dbferry/core/dialect");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(dialects)).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (ENGINE_TEXT.matcher(lines.get(i)).find()) {
                        found.add(main.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(found).as("engine facts outside core/dialect (ask the dialect instead)").isEmpty();
    }
}
