package dev.polity;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Core depends on none of the other modules, its packages form no cycle, and each room uses only the rooms
 * its row of the table in docs/ARCHITECTURE.md names ("may use"): input and stats are the floor, and norms
 * reach deliberation only where norms are emitted (promotion).
 */
public class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.polity");

    /** Every room's row of docs/ARCHITECTURE.md (polity-server's table too): the room and the rooms it may use. */
    public static Map<String, Set<String>> roomsInArchitectureDoc() throws IOException {
        Path doc = Path.of(System.getProperty("polity.repo", "..")).resolve("docs/ARCHITECTURE.md");
        Map<String, Set<String>> rooms = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z.]+)` \\|.*\\| ([^|]*) \\|$");
        Pattern room = Pattern.compile("`([a-z][a-z.]*)`");
        for (String line : Files.readAllLines(doc)) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                Set<String> uses = new TreeSet<>();
                Matcher r = room.matcher(m.group(2));
                while (r.find()) {
                    uses.add(r.group(1));
                }
                rooms.put(m.group(1), uses);
            }
        }
        return rooms;
    }

    @Test
    void everyRoomUsesOnlyWhatTheArchitectureDocAllows() throws IOException {
        Map<String, Set<String>> rooms = roomsInArchitectureDoc();
        Set<String> packages = new TreeSet<>();
        CORE.forEach(c -> packages.add(c.getPackageName().replaceFirst("^dev\\.polity\\.?", "")));
        packages.remove("");
        assertThat(rooms.keySet()).as("every package of polity-core has a row in docs/ARCHITECTURE.md").containsAll(packages);
        for (var e : rooms.entrySet()) {
            if (!packages.contains(e.getKey())) {
                continue; // a room of another module (polity-server's table), checked by that module's tests
            }
            String own = "dev.polity." + e.getKey();
            List<String> forbidden = rooms.keySet().stream()
                    .filter(other -> !other.equals(e.getKey()) && !e.getValue().contains(other))
                    .map(other -> "dev.polity." + other)
                    .toList();
            if (forbidden.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("docs/ARCHITECTURE.md lets " + e.getKey() + " use only " + e.getValue())
                    .check(CORE);
        }
    }

    @Test
    void noCyclesBetweenRoomsOrTheirSubRooms() {
        slices().matching("dev.polity.(**)").should().beFreeOfCycles().check(CORE);
    }

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
