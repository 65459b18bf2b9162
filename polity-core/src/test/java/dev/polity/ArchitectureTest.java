package dev.polity;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core depends on none of the other modules, its packages form no cycle, and each room uses only what
 * DESIGN.md (Architecture) lets it: input is the floor, and norms reach choice, model, store and
 * deliberation only where norms are emitted (promotion).
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.polity");

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("dev.polity.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.polity..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.polity.cli..", "dev.polity.server..", "dev.polity.spark..", "dev.polity.langchain4j..")
                .check(CORE);
    }

    @Test
    void normsIsTheBase() {
        noClasses().that().resideInAPackage("dev.polity.norms..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.polity.choice..", "dev.polity.deliberation..", "dev.polity.judge..", "dev.polity.eval..",
                        "dev.polity.model..", "dev.polity.reward..", "dev.polity.store..", "dev.polity.report..")
                .check(CORE);
    }

    @Test
    void choiceModelAndStoreNeedNoNorms() {
        noClasses().that().resideInAnyPackage("dev.polity.choice..", "dev.polity.model..", "dev.polity.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.polity.norms..")
                .check(CORE);
    }

    @Test
    void deliberationUsesNormsOnlyWhereItEmitsThem() {
        noClasses().that().resideInAPackage("dev.polity.deliberation..")
                .and().haveNameNotMatching("dev\\.polity\\.deliberation\\.Promotion(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("dev.polity.norms..")
                .check(CORE);
    }

    @Test
    void inputIsTheFloor() {
        noClasses().that().resideInAPackage("dev.polity.input..")
                .should().dependOnClassesThat(resideInAPackage("dev.polity..").and(not(resideInAPackage("dev.polity.input.."))))
                .check(CORE);
    }

    @Test
    void onlyInputTouchesTheCsvAndYamlLibraries() {
        noClasses().that().resideOutsideOfPackage("dev.polity.input..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.commons.csv..", "org.yaml.snakeyaml..")
                .check(CORE);
    }

    @Test
    void statsIsTheFloor() {
        noClasses().that().resideInAPackage("dev.polity.stats..")
                .should().dependOnClassesThat(resideInAPackage("dev.polity..").and(not(resideInAPackage("dev.polity.stats.."))))
                .check(CORE);
    }
}
